package io.qrescue.recovery.imaging;

import io.qrescue.imager.output.OutputImage;
import io.qrescue.imager.rescue.Filler;
import io.qrescue.imager.rescue.Generator;
import io.qrescue.imager.rescue.RescueListener;
import io.qrescue.imager.rescue.RescueResult;
import io.qrescue.mapfile.MapfileSaveFailure;

/**
 * Where a run's messages, progress and questions go; the caller renders them (the imaging layer never prints).
 * Every method has a silent default, so a caller implements only what it shows.
 */
public interface ImagingDisplay {

    /** Shows nothing, agrees to nothing and aborts on a failed mapfile save. */
    ImagingDisplay SILENT = new ImagingDisplay() {
    };

    /**
     * One of ddrescue's messages ("FILE: what: reason", a refusal, a warning). A line of {@code text} that starts
     * with a space continues the line above it.
     */
    default void message(String text) {
    }

    /** A problem with the options for the mode (exit 1); ddrescue adds "Try --help". */
    default void usageError(String text) {
        message(text);
    }

    /** A line ddrescue prints as it is, without the program name (the reasons a rescue stopped). */
    default void line(String text) {
    }

    /** The progress display of a rescue over {@code output}, once the files are open. */
    default RescueListener rescue(ImagingRequest request, OutputImage output, boolean mapfileExisted) {
        return RescueListener.NONE;
    }

    default void fillStarts(ImagingRequest request, long domainPos, long domainInSize, Filler.Progress initial,
            boolean mapfileExisted) {
    }

    default void fillEnded(ImagingRequest request, Filler.Progress progress, RescueResult result) {
    }

    default void generateStarts(ImagingRequest request, long domainPos, Generator.Progress initial,
            boolean mapfileExisted) {
    }

    default void generateEnded(ImagingRequest request, Generator.Progress progress, RescueResult result) {
    }

    /** ddrescue's {@code --ask}: shows {@code question} and returns whether the user said yes. */
    default boolean ask(String question) {
        return false;
    }

    /**
     * Saving the mapfile failed (the mapfile on disk is still the last good one): what to do, as ddrescue asks on
     * a terminal. Without one to ask, {@link MapfileSaveFailure.Choice#ABORT}: the run stops with the cause.
     */
    default MapfileSaveFailure.Choice mapfileSaveFailed(MapfileSaveFailure failure) {
        return MapfileSaveFailure.Choice.ABORT;
    }
}
