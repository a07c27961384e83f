package io.qrescue.recovery.vm.console;

/** The console did not behave as needed; {@link #problem()} says how, the message says it in one line. */
public final class ConsoleException extends Exception {

    private static final long serialVersionUID = 1L;

    /** What went wrong with the console. */
    public enum Problem {
        /** The expected text did not appear in time. */
        TIMEOUT,
        /** The VM's console ended (qemu exited) or could not be read or written. */
        CLOSED,
        /** The login was refused (wrong user or password). */
        LOGIN_REFUSED,
        /** No shell answered after the login. */
        NO_SHELL,
        /** An earlier command never ended and the shell could not be got back. */
        SHELL_LOST
    }

    private final Problem problem;
    private final String consoleTail;

    ConsoleException(Problem problem, String message, String consoleTail) {
        super(message);
        this.problem = problem;
        this.consoleTail = consoleTail;
    }

    /** The kind of failure. */
    public Problem problem() {
        return problem;
    }

    /** The last characters the console showed before the failure (for the report), possibly empty. */
    public String consoleTail() {
        return consoleTail;
    }
}
