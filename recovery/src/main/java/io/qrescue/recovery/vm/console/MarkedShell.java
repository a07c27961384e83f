package io.qrescue.recovery.vm.console;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Runs commands on a console shell and finds each one's end by a marker the shell prints after it:
 * {@code @@RC <nonce> <n> <status>@@} and a line end. The command line types the marker split in two quoted
 * halves ({@code "@@""RC ..."}), so the tty's echo of the line never matches; the nonce is random per session,
 * so no command output can forge it; {@code n} tells late markers of earlier lines from the current one.
 */
public final class MarkedShell implements ShellSession {

    // Longer lines hit the tty's canonical line limit (4095) once the wrapping is added.
    static final int MAX_COMMAND_CHARS = 3500;
    private static final String INTERRUPT = "\u0003";

    private final SerialConsole console;
    private final ShellTiming timing;
    private final String nonce;
    private final Pattern marker;
    private int lastSequence;
    private String lostReason;

    MarkedShell(SerialConsole console, ShellTiming timing) {
        this(console, timing, newNonce());
    }

    MarkedShell(SerialConsole console, ShellTiming timing, String nonce) {
        this.console = console;
        this.timing = timing;
        this.nonce = nonce;
        this.marker = Pattern.compile("@@RC " + nonce + " (\\d{1,9}) (\\d{1,3})@@\\r*\\n");
    }

    private static String newNonce() {
        byte[] bytes = new byte[6];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public CommandResult run(String commandLine, Duration timeout) throws ConsoleException {
        if (commandLine.isBlank() || commandLine.indexOf('\n') >= 0 || commandLine.indexOf('\r') >= 0
                || commandLine.length() > MAX_COMMAND_CHARS) {
            throw new IllegalArgumentException("a command must be one non-empty line of at most "
                    + MAX_COMMAND_CHARS + " characters: " + abbreviate(commandLine));
        }
        if (lostReason != null) {
            throw new ConsoleException(ConsoleException.Problem.SHELL_LOST, lostReason, "");
        }
        long started = System.nanoTime();
        int n = ++lastSequence;
        // A subshell: "exit 7" ends only it; stdin /dev/null: a tool that asks cannot eat our next line.
        console.send("( " + commandLine + " ) </dev/null 2>&1; " + markerCommand(n) + "\n");
        try {
            ConsoleMatch end = awaitMarker(n, timeout, "the end of command " + n + " (" + abbreviate(commandLine) + ")");
            return new CommandResult(n, commandLine, true, Integer.parseInt(end.group(2)),
                    ConsoleText.output(stripEcho(end.before(), n)), end.kernelMessages(), millisSince(started));
        } catch (ConsoleException e) {
            if (e.problem() != ConsoleException.Problem.TIMEOUT) {
                throw e;
            }
            String partial = console.discardUnread();
            recover(n, commandLine);
            return new CommandResult(n, commandLine, false, -1, ConsoleText.output(stripEcho(partial, n)), List.of(),
                    millisSince(started));
        }
    }

    /**
     * Makes the shell answer a marker, typing it again every {@code round} until it does (what is typed before
     * the tty is open is lost), at most {@code rounds} times; leaves echo off and the prompt empty.
     *
     * @return the number of rounds it took
     */
    int handshake() throws ConsoleException {
        Duration round = timing.handshakeRound();
        int rounds = timing.handshakeRounds();
        int firstSequence = lastSequence + 1;
        for (int attempt = 1; attempt <= rounds; attempt++) {
            int n = ++lastSequence;
            // No echo and no prompt: the text between two markers is exactly a command's output.
            console.send("stty -echo 2>/dev/null; PS1=''; PS2=''; " + markerCommand(n) + "\n");
            try {
                awaitMarkerAtLeast(firstSequence, round, "the shell's answer to the handshake");
                return attempt;
            } catch (ConsoleException e) {
                if (e.problem() != ConsoleException.Problem.TIMEOUT || attempt == rounds) {
                    throw new ConsoleException(ConsoleException.Problem.NO_SHELL,
                            "no shell answered on the console after " + attempt + " handshake(s): " + e.getMessage(),
                            e.consoleTail());
                }
            }
        }
        throw new IllegalStateException("unreachable");
    }

    private String markerCommand(int n) {
        return "echo \"@@\"\"RC " + nonce + " " + n + " $?@@\"";
    }

    private ConsoleMatch awaitMarker(int n, Duration timeout, String waitingFor) throws ConsoleException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long leftNanos = deadline - System.nanoTime();
            if (leftNanos <= 0) {
                throw new ConsoleException(ConsoleException.Problem.TIMEOUT,
                        "no " + waitingFor + " within " + ConsoleText.duration(timeout), "");
            }
            ConsoleMatch m = console.expect(List.of(marker), Duration.ofNanos(leftNanos), waitingFor);
            int got = Integer.parseInt(m.group(1));
            if (got == n) {
                return m;
            }
            if (got > n) {
                throw new IllegalStateException("end marker " + got + " arrived while waiting for " + n);
            }
            // else a late marker of an earlier line (a resent handshake, an interrupted command): not ours
        }
    }

    private void awaitMarkerAtLeast(int first, Duration timeout, String waitingFor) throws ConsoleException {
        while (true) {
            ConsoleMatch m = console.expect(List.of(marker), timeout, waitingFor);
            if (Integer.parseInt(m.group(1)) >= first) {
                return;
            }
        }
    }

    /** After a timeout: interrupt the command and get the shell back, or remember that it is lost. */
    private void recover(int timedOut, String commandLine) throws ConsoleException {
        for (int round = 1; round <= timing.resyncRounds(); round++) {
            console.send(INTERRUPT);
            int n = ++lastSequence;
            console.send("\n" + markerCommand(n) + "\n");
            try {
                awaitMarker(n, timing.resyncRound(), "the shell after interrupting command " + timedOut);
                return;
            } catch (ConsoleException e) {
                if (e.problem() != ConsoleException.Problem.TIMEOUT) {
                    throw e;
                }
            }
        }
        lostReason = "command " + timedOut + " (" + abbreviate(commandLine)
                + ") never ended and did not stop on Ctrl-C; the shell no longer answers";
    }

    /** The tty's echo of our command line, if echo was still on, ends with the typed marker: cut through it. */
    private String stripEcho(String before, int n) {
        String typed = "RC " + nonce + " " + n + " $?@@\"";
        int at = before.indexOf(typed);
        if (at < 0) {
            return before;
        }
        int lineEnd = before.indexOf('\n', at);
        return lineEnd < 0 ? "" : before.substring(lineEnd + 1);
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    static String abbreviate(String commandLine) {
        String oneLine = commandLine.replace('\n', ' ');
        return oneLine.length() <= 80 ? oneLine : oneLine.substring(0, 77) + "...";
    }
}
