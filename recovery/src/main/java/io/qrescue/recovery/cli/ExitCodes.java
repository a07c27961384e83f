package io.qrescue.recovery.cli;

/** ddrescue's exit codes, used by every qrescue command. */
public final class ExitCodes {
    /** Normal end. */
    public static final int OK = 0;
    /** Bad option or value, missing file, I/O problem, stop condition. */
    public static final int ENVIRONMENT = 1;
    /** Corrupt or invalid input file. */
    public static final int CORRUPT_INPUT = 2;
    /** Internal consistency error (a bug). */
    public static final int INTERNAL = 3;

    private ExitCodes() {
    }
}
