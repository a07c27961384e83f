package io.qrescue.recovery.pipeline;

import io.qrescue.imager.rescue.RescueListener;
import io.qrescue.recovery.imaging.ImagingRequest;
import io.qrescue.recovery.imaging.ImagingResult;
import java.util.function.BiFunction;

/**
 * Runs one imaging round of the job (the caller supplies the display and the streams, e.g. {@code qrescue rescue}
 * wraps {@link io.qrescue.recovery.imaging.Imaging}); tests give a fake that records the requests.
 */
@FunctionalInterface
public interface ImagingStep {

    ImagingResult image(ImagingRequest request);

    /**
     * Runs one round telling {@code progress} of its reads and mapfile saves as they happen (the job announces files
     * as they become complete); a step that cannot tell them runs {@link #image(ImagingRequest)}, and the job
     * announces the files after the run.
     */
    default ImagingResult image(ImagingRequest request, RescueListener progress) {
        return image(request);
    }

    /** A step that tells {@code run} each round's progress listener (one that listens to nothing when none). */
    static ImagingStep following(BiFunction<ImagingRequest, RescueListener, ImagingResult> run) {
        return new ImagingStep() {
            @Override
            public ImagingResult image(ImagingRequest request) {
                return run.apply(request, RescueListener.NONE);
            }

            @Override
            public ImagingResult image(ImagingRequest request, RescueListener progress) {
                return run.apply(request, progress);
            }
        };
    }
}
