package io.qrescue.recovery.cli.image;

import io.qrescue.recovery.cli.gnu.UsageException;
import java.util.Optional;

/**
 * The checks ddrescue makes per operation mode after the file-name checks and after reading the domain
 * mapfile, in ddrescue's order: {@link #checkCompatibility} first, then {@link #ignoredOptionsWarning}, then
 * (rescue mode: after reading the {@code -H} mapfile) {@link #checkRequirements}.
 */
public final class ModeRules {

    private ModeRules() {
    }

    /** Options that contradict the mode: {@code --ask} and {@code --same-file} in fill mode, etc. */
    public static void checkCompatibility(DdrescueArguments a) throws UsageException {
        switch (a.mode()) {
            case FILL -> {
                if (a.ask()) {
                    throw new UsageException("Option '--ask' is incompatible with fill mode.", true);
                }
                if (a.sameFile()) {
                    throw new UsageException("Option '--same-file' is incompatible with fill mode.", true);
                }
            }
            case GENERATE -> {
                if (a.ask()) {
                    throw new UsageException("Option '--ask' is incompatible with generate mode.", true);
                }
            }
            case RESCUE, COMMAND -> {
                if (a.ignoreWriteErrors()) {
                    throw new UsageException("Option '-w' is incompatible with rescue mode.", true);
                }
            }
        }
    }

    /**
     * The warning ddrescue prints (and then carries on) when rescue options are given in fill or generate mode.
     * ddrescue compares the rescue settings with their defaults, so an option given with its default value
     * ({@code -r0}, {@code --cpass=1-5}) does not count.
     */
    public static Optional<String> ignoredOptionsWarning(DdrescueArguments a) {
        return switch (a.mode()) {
            case FILL -> rescueSettingsChanged(a) || a.testModeMapfile().isPresent() || a.verifyInputSize()
                    || a.preallocate() || a.truncate()
                    ? Optional.of("warning: Options -aACdeEHIJKlMnOpPrRStTuWxX are ignored in fill mode.")
                    : Optional.empty();
            case GENERATE -> a.ignoreWriteErrors() || rescueSettingsChanged(a) || a.synchronousWrites()
                    || a.testModeMapfile().isPresent() || a.verifyInputSize() || a.preallocate()
                    || a.directOutput() || a.truncate()
                    ? Optional.of("warning: Options -aACdDeEHIJKlMnOpPrRStTuwWxXy are ignored in generate mode.")
                    : Optional.empty();
            case RESCUE, COMMAND -> Optional.empty();
        };
    }

    /**
     * What the mode needs before it can start: a mapfile for fill and generate mode; no {@code -t} with
     * {@code --same-file} for a rescue.
     */
    public static void checkRequirements(DdrescueArguments a) throws UsageException {
        switch (a.mode()) {
            case FILL -> {
                if (a.mapfile().isEmpty()) {
                    throw new UsageException("Mapfile required in fill mode.", true);
                }
            }
            case GENERATE -> {
                if (a.mapfile().isEmpty()) {
                    throw new UsageException("Mapfile must be specified in generate mode.", true);
                }
            }
            case RESCUE, COMMAND -> {
                if (a.sameFile() && a.truncate()) {
                    throw new UsageException("Option '--same-file' is incompatible with '--truncate'.", true);
                }
            }
        }
    }

    /** Whether any setting of ddrescue's Rb_options differs from its default. */
    private static boolean rescueSettingsChanged(DdrescueArguments a) {
        return a.maxErrorRate().isPresent() || a.extendOutfileTo().isPresent() || a.maxReadRate().isPresent()
                || a.minReadRate().isPresent() || !a.skipSizes().equals(SkipSizes.DEFAULT)
                || a.maxBadAreas().isPresent() || a.maxReadErrors().isPresent() || a.maxSlowReads().isPresent()
                || !a.copyPasses().equals(CopyPassList.all())
                || a.delaySlowSeconds() != DdrescueArguments.DEFAULT_DELAY_SLOW_SECONDS || a.retryPasses() != 0
                || a.directInput() || !a.pauseOnError().isZero() || a.pauseOnPassSeconds() != 0
                || a.previewLines() != 0 || a.timeoutSeconds().isPresent() || a.compareBeforeWrite()
                || a.completeOnly() || a.newBadAreasOnly() || a.noScrape() || a.noTrim() || a.reopenOnError()
                || a.resetSlow() || a.retrim() || a.reverse() || a.sameFile() || a.simulatedPauseOnError()
                || a.sparse() || a.tryAgain() || a.unidirectional() || a.verifyOnError();
    }
}
