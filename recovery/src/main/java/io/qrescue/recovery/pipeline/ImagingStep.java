package io.qrescue.recovery.pipeline;

import java.util.List;

/** Runs one rescue with ddrescue's arguments (as {@code qrescue image} takes them) and returns its exit code. */
@FunctionalInterface
public interface ImagingStep {

    int image(List<String> ddrescueArgs);
}
