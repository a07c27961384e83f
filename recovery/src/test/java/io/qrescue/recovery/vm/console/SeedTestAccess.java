package io.qrescue.recovery.vm.console;

/** Lets tests of other packages make the exceptions a real console would throw. */
public final class SeedTestAccess {

    private SeedTestAccess() {
    }

    public static ConsoleException closed(String message) {
        return new ConsoleException(ConsoleException.Problem.CLOSED, message, "");
    }
}
