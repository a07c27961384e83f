package io.qrescue.recovery.vm.console;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Logs in on a VM's serial console: waits for the login prompt, types user and password (again if the first
 * keys were lost because the tty was not open yet), tells a refused password from a slow one, and proves the
 * shell with a marker handshake.
 */
public final class ConsoleLogin {

    private static final Pattern PRESS_ENTER = Pattern.compile("(?i)press enter to activate this console");
    private static final int USER_ATTEMPTS = 3;

    private final LoginSettings settings;
    private final ShellTiming timing;

    public ConsoleLogin(LoginSettings settings) {
        this(settings, ShellTiming.DEFAULT);
    }

    ConsoleLogin(LoginSettings settings, ShellTiming timing) {
        this.settings = settings;
        this.timing = timing;
    }

    /** How the login went, for the report. */
    public record Outcome(ShellSession shell, long loginPromptAfterMillis, long shellReadyAfterMillis,
                          int userAttempts, int handshakeRounds, boolean shellPromptSeen) {
    }

    /**
     * Logs in and returns a shell ready for commands.
     *
     * @throws ConsoleException TIMEOUT (no login prompt), LOGIN_REFUSED, NO_SHELL or CLOSED, with a one-line message
     */
    public Outcome login(SerialConsole console) throws ConsoleException {
        long started = System.nanoTime();
        awaitLoginPrompt(console, settings.bootTimeout(), "login prompt");
        long promptAt = millisSince(started);
        int userAttempts = 0;
        while (true) {
            userAttempts++;
            console.send(settings.user() + "\n");
            ConsoleMatch next = awaitAny(console, List.of(settings.passwordPrompt(), settings.refusal(),
                    settings.loginPrompt(), settings.shellPrompt()), "password prompt after typing the user name");
            if (next == null || next.patternIndex() == 1 || next.patternIndex() == 2) {
                // No password prompt: the name was lost (tty not open yet) or login is slow, and a name typed
                // again is then taken as a password and refused. Either way: type the name at the next prompt.
                if (userAttempts >= USER_ATTEMPTS) {
                    throw new ConsoleException(ConsoleException.Problem.LOGIN_REFUSED, "login as '" + settings.user()
                            + "' did not ask for a password after " + userAttempts + " attempts", "");
                }
                if (next != null && next.patternIndex() == 1) {
                    awaitLoginPrompt(console, settings.stepTimeout(), "login prompt after a refused attempt");
                }
                continue;
            }
            if (next.patternIndex() == 3) {
                return ready(console, started, promptAt, userAttempts, true); // no password asked
            }
            break;
        }
        console.send(settings.password() + "\n");
        ConsoleMatch after = awaitAny(console, List.of(settings.refusal(), settings.loginPrompt(),
                settings.shellPrompt()), "shell prompt after the password");
        if (after != null && after.patternIndex() != 2) {
            throw new ConsoleException(ConsoleException.Problem.LOGIN_REFUSED, "login as '" + settings.user()
                    + "' refused: " + (after.patternIndex() == 0 ? after.matched().strip() : "asked to log in again")
                    + " (wrong user or password? set them with --login-user/--login-password)", "");
        }
        return ready(console, started, promptAt, userAttempts, after != null);
    }

    private Outcome ready(SerialConsole console, long started, long promptAt, int userAttempts, boolean promptSeen)
            throws ConsoleException {
        MarkedShell shell = new MarkedShell(console, timing);
        int rounds = shell.handshake();
        return new Outcome(shell, promptAt, millisSince(started), userAttempts, rounds, promptSeen);
    }

    private void awaitLoginPrompt(SerialConsole console, Duration timeout, String what) throws ConsoleException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new ConsoleException(ConsoleException.Problem.TIMEOUT,
                        "no " + what + " within " + ConsoleText.duration(timeout), "");
            }
            ConsoleMatch m;
            try {
                m = console.expect(List.of(settings.loginPrompt(), PRESS_ENTER), Duration.ofNanos(left), what);
            } catch (ConsoleException e) {
                if (e.problem() != ConsoleException.Problem.TIMEOUT) {
                    throw e;
                }
                throw new ConsoleException(ConsoleException.Problem.TIMEOUT,
                        "no " + what + " within " + ConsoleText.duration(timeout), e.consoleTail());
            }
            if (m.patternIndex() == 0) {
                return;
            }
            console.send("\n"); // busybox init's "askfirst" console
        }
    }

    /** The first of {@code patterns} within the step timeout, or null when none came. */
    private ConsoleMatch awaitAny(SerialConsole console, List<Pattern> patterns, String what) throws ConsoleException {
        try {
            return console.expect(patterns, settings.stepTimeout(), what);
        } catch (ConsoleException e) {
            if (e.problem() == ConsoleException.Problem.TIMEOUT) {
                return null;
            }
            throw e;
        }
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
