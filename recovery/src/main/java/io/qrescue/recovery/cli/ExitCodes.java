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

    /**
     * The exit code for a failure, decided here for every command: a usage problem or an environment problem (a
     * file that cannot be opened or written, an interruption) is 1, corrupt or invalid input (a mapfile, LVM
     * metadata, a volume list) is 2, anything else is a bug, 3.
     */
    public static int of(Throwable failure) {
        if (failure instanceof CommandFailure c) {
            return c.exitCode();
        }
        if (failure instanceof io.qrescue.mapfile.MapfileException m) {
            return m.exitCode();
        }
        if (failure instanceof io.qrescue.recovery.vm.lvmfix.MetadataFormatException
                || failure instanceof io.qrescue.recovery.files.UnreadableFilesystemException) {
            return CORRUPT_INPUT;
        }
        if (failure instanceof java.io.IOException || failure instanceof InterruptedException
                || failure instanceof io.qrescue.recovery.cli.gnu.UsageException) {
            return ENVIRONMENT;
        }
        return INTERNAL;
    }
}
