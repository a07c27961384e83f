package io.qrescue.recovery.cli.image;

import io.qrescue.imager.rescue.RescueListener;
import io.qrescue.imager.rescue.RescueOptions;
import java.io.PrintWriter;

/** How {@code qrescue image} shows progress on standard output. */
public enum ProgressMode {
    /** -q: nothing. */
    QUIET,
    /** ddrescue's status screen rewritten in place: standard output is a terminal. */
    SCREEN,
    /** Plain log lines: standard output is a file or a pipe. */
    LINES,
    /** --json: newline-delimited JSON events. */
    JSON;

    /**
     * The mode for the command line: {@code --json} wins over {@code -q}, which wins over the terminal test.
     *
     * @param terminal true if standard output is a terminal (in Java 17, {@code System.console() != null})
     */
    public static ProgressMode choose(boolean json, boolean quiet, boolean terminal) {
        if (json) {
            return JSON;
        }
        if (quiet) {
            return QUIET;
        }
        return terminal ? SCREEN : LINES;
    }

    /**
     * The listener for this mode with default settings: no data preview, summary lines every
     * {@link ProgressLines#DEFAULT_INTERVAL_SECONDS} seconds. Build {@link ProgressScreen} or {@link ProgressLines}
     * directly for -P or another interval.
     */
    public RescueListener listener(PrintWriter out, RescueOptions options) {
        return switch (this) {
            case QUIET -> RescueListener.NONE;
            case SCREEN -> new ProgressScreen(out, options);
            case LINES -> new ProgressLines(out, options);
            case JSON -> new JsonEvents(out, options);
        };
    }
}
