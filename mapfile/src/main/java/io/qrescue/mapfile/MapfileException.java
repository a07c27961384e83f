package io.qrescue.mapfile;

/**
 * A mapfile that cannot be used, with the one-line message ddrescue prints (without the program name) and
 * ddrescue's exit code: 2 for a corrupt or invalid mapfile, 1 for a missing or unreadable one.
 */
public class MapfileException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Exit code for a corrupt or invalid input file. */
    public static final int CORRUPT = 2;
    /** Exit code for environmental problems (file not found, I/O errors). */
    public static final int ENVIRONMENT = 1;

    private final int exitCode;

    public MapfileException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public MapfileException(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** ddrescue's exit code for this problem. */
    public int exitCode() {
        return exitCode;
    }
}
