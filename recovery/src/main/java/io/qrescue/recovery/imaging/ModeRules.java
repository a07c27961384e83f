package io.qrescue.recovery.imaging;

import io.qrescue.imager.rescue.RescueOptions;
import java.util.Optional;

/**
 * The checks ddrescue makes per operation mode after the file-name checks and after reading the domain
 * mapfile, in ddrescue's order: {@link #incompatibility} first, then {@link #ignoredOptionsWarning}, then
 * (rescue mode: after reading the {@code -H} mapfile) {@link #missingRequirement}. A problem is a usage error
 * (exit 1, "Try --help").
 */
final class ModeRules {

    private ModeRules() {
    }

    /** Options that contradict the mode: {@code --ask} and {@code --same-file} in fill mode, etc. */
    static Optional<String> incompatibility(RescueOptions a) {
        return switch (a.mode()) {
            case FILL -> a.ask() ? Optional.of("Option '--ask' is incompatible with fill mode.")
                    : a.sameFile() ? Optional.of("Option '--same-file' is incompatible with fill mode.")
                    : Optional.empty();
            case GENERATE -> a.ask() ? Optional.of("Option '--ask' is incompatible with generate mode.")
                    : Optional.empty();
            case RESCUE, COMMAND -> a.ignoreWriteErrors()
                    ? Optional.of("Option '-w' is incompatible with rescue mode.") : Optional.empty();
        };
    }

    /**
     * The warning ddrescue prints (and then carries on) when rescue options are given in fill or generate mode.
     * ddrescue compares the rescue settings with their defaults, so an option given with its default value
     * ({@code -r0}, {@code --cpass=1-5}) does not count.
     */
    static Optional<String> ignoredOptionsWarning(RescueOptions a) {
        return switch (a.mode()) {
            case FILL -> rescueSettingsChanged(a) || a.testModeMapfile().isPresent() || a.verifyInputSize()
                    || a.preallocate() || a.truncateOutput()
                    ? Optional.of("warning: Options -aACdeEHIJKlMnOpPrRStTuWxX are ignored in fill mode.")
                    : Optional.empty();
            case GENERATE -> a.ignoreWriteErrors() || rescueSettingsChanged(a) || a.synchronousWrites()
                    || a.testModeMapfile().isPresent() || a.verifyInputSize() || a.preallocate()
                    || a.directOutput() || a.truncateOutput()
                    ? Optional.of("warning: Options -aACdDeEHIJKlMnOpPrRStTuwWxXy are ignored in generate mode.")
                    : Optional.empty();
            case RESCUE, COMMAND -> Optional.empty();
        };
    }

    /**
     * What the mode needs before it can start: a mapfile for fill and generate mode; no {@code -t} with
     * {@code --same-file} for a rescue.
     */
    static Optional<String> missingRequirement(ImagingRequest request) {
        RescueOptions a = request.options();
        return switch (a.mode()) {
            case FILL -> request.mapfile().isEmpty() ? Optional.of("Mapfile required in fill mode.")
                    : Optional.empty();
            case GENERATE -> request.mapfile().isEmpty() ? Optional.of("Mapfile must be specified in generate mode.")
                    : Optional.empty();
            case RESCUE, COMMAND -> a.sameFile() && a.truncateOutput()
                    ? Optional.of("Option '--same-file' is incompatible with '--truncate'.") : Optional.empty();
        };
    }

    /** Whether any setting of ddrescue's Rb_options differs from its default. */
    private static boolean rescueSettingsChanged(RescueOptions a) {
        RescueOptions d = RescueOptions.defaults();
        return a.maxErrorRate() != d.maxErrorRate() || a.minOutfileSize() != d.minOutfileSize()
                || a.maxReadRate() != d.maxReadRate() || a.minReadRate() != d.minReadRate()
                || a.skipSize() != d.skipSize() || a.maxSkipSize() != d.maxSkipSize()
                || a.maxBadAreas() != d.maxBadAreas() || a.maxReadErrors() != d.maxReadErrors()
                || a.maxSlowReads() != d.maxSlowReads() || !a.copyPasses().equals(d.copyPasses())
                || a.delaySlowSeconds() != d.delaySlowSeconds() || a.maxRetries() != d.maxRetries()
                || a.directInput() || a.pauseOnErrorNanos() != 0 || a.pauseOnPassSeconds() != 0
                || a.previewLines() != 0 || a.timeoutSeconds() != d.timeoutSeconds() || a.compareBeforeWrite()
                || a.completeOnly() || a.newBadAreasOnly() || a.noScrape() || a.noTrim() || a.reopenOnError()
                || a.resetSlow() || a.retrim() || a.reverse() || a.sameFile() || a.simulatedPauseOnError()
                || a.sparse() || a.tryAgain() || a.unidirectional() || a.verifyOnError();
    }
}
