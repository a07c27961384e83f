package io.qrescue.mapfile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A mapfile save that failed: the mapfile on disk is still the previous, good one (ddrescue: the error that
 * update_mapfile shows before asking what to do).
 *
 * @param mapfile the mapfile that could not be replaced
 * @param cause   why (disk full, read-only directory, ...)
 */
public record MapfileSaveFailure(Path mapfile, IOException cause) {

    public MapfileSaveFailure {
        Objects.requireNonNull(mapfile, "mapfile");
        Objects.requireNonNull(cause, "cause");
    }

    /** ddrescue's three answers: ENTER (retry), E+ENTER (emergency save, then stop), Q+ENTER (stop). */
    public enum Choice {
        /** The user fixed the problem: save again. */
        RETRY,
        /** Save to {@code ./ddrescue.map} or {@code $HOME/ddrescue.map}, then stop. */
        EMERGENCY_SAVE,
        /** Stop; the mapfile keeps its last good contents. */
        ABORT
    }

    /** Decides what to do about a failed save (asks the user, or answers for a run without a terminal). */
    @FunctionalInterface
    public interface Handler {

        /** Stops at the first failure, as ddrescue does with {@code -q} or without a terminal to ask. */
        Handler ABORT = failure -> Choice.ABORT;

        Choice decide(MapfileSaveFailure failure);
    }

    /** The C library's words for what went wrong ("No space left on device", "Read-only file system"). */
    public String reason() {
        IOException root = cause.getCause() instanceof IOException io ? io : cause;
        return MapfileFiles.reason(root);
    }

    /** "MAPFILE: Error writing mapfile: REASON", ddrescue's words. */
    public String message() {
        return mapfile + ": Error writing mapfile: " + reason();
    }
}
