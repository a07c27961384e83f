package io.qrescue.recovery.cli.gnu;

/**
 * A bad command line, with the message ddrescue prints (without the program name) and whether ddrescue
 * follows it with "Try '... --help' for more information.". Exit code 1.
 */
public final class UsageException extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean suggestHelp;

    public UsageException(String message, boolean suggestHelp) {
        super(message);
        this.suggestHelp = suggestHelp;
    }

    public boolean suggestHelp() {
        return suggestHelp;
    }
}
