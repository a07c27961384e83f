package io.qrescue.recovery.pipeline;

import io.qrescue.recovery.imaging.ImagingRequest;
import io.qrescue.recovery.imaging.ImagingResult;

/**
 * Runs one imaging round of the job (the caller supplies the display and the streams, e.g. {@code qrescue rescue}
 * wraps {@link io.qrescue.recovery.imaging.Imaging}); tests give a fake that records the requests.
 */
@FunctionalInterface
public interface ImagingStep {

    ImagingResult image(ImagingRequest request);
}
