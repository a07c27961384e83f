package io.qrescue.recovery.cli;

/** A command cannot go on: a one-line message for the user and the exit code to end with. */
final class CommandFailure extends Exception {

    private final int exitCode;

    CommandFailure(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
