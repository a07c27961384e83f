package io.qrescue.recovery.imaging;

import io.qrescue.imager.rescue.RescueResult;
import java.util.Optional;

/**
 * How a run ended.
 *
 * @param exitCode ddrescue's: 0 done (or stopped by a limit the options set), 1 bad option or environment, 2
 *                 corrupt or invalid input (a mapfile), 3 internal error
 * @param result   the engine's account of a run that started (rescue, fill, generate); empty when it was
 *                 refused before
 */
public record ImagingResult(int exitCode, Optional<RescueResult> result) {

    static ImagingResult refused(int exitCode) {
        return new ImagingResult(exitCode, Optional.empty());
    }

    static ImagingResult of(RescueResult result) {
        return new ImagingResult(result.exitCode(), Optional.of(result));
    }
}
