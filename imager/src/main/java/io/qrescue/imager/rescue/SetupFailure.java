package io.qrescue.imager.rescue;

/** A check before the first read failed; the rescue does not start. */
final class SetupFailure extends Exception {

    private static final long serialVersionUID = 1L;

    private final int exitCode;
    private final RescueResult.Subject subject;

    SetupFailure(int exitCode, String message, RescueResult.Subject subject) {
        super(message);
        this.exitCode = exitCode;
        this.subject = subject;
    }

    RescueResult toResult() {
        return RescueResult.notStarted(exitCode, getMessage(), subject);
    }
}
