package io.qrescue.recovery.vm.console;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One serial line to a VM: a daemon thread reads what the VM prints into a buffer with kernel messages cut out;
 * {@link #expect} waits for a pattern in it and consumes the text up to the match; {@link #send} types.
 * Never closes the streams it was given, except through {@link #close()}.
 */
public final class SerialConsole implements Closeable {

    // A search after new text starts this far before the old end, so a match split across reads is found
    // without rescanning megabytes of command output each time. Longer than any prompt or marker.
    private static final int RESCAN_CHARS = 4096;
    private static final int TAIL_CHARS = 400;

    private final InputStream fromVm;
    private final OutputStream toVm;
    private final ConsoleRecorder recorder;
    private final KernelMessageSplitter splitter = new KernelMessageSplitter();
    private final Object lock = new Object();
    private final StringBuilder text = new StringBuilder();
    private final List<String> kernelMessages = new ArrayList<>();
    private final Thread pump;
    private boolean ended;
    private IOException readFailure;

    private SerialConsole(InputStream fromVm, OutputStream toVm, ConsoleRecorder recorder) {
        this.fromVm = fromVm;
        this.toVm = toVm;
        this.recorder = recorder;
        this.pump = new Thread(this::pumpLoop, "serial-console-reader");
        pump.setDaemon(true);
    }

    /** Starts reading {@code fromVm} at once, so nothing the VM prints is lost while we are busy. */
    public static SerialConsole start(InputStream fromVm, OutputStream toVm, ConsoleRecorder recorder) {
        SerialConsole console = new SerialConsole(fromVm, toVm, recorder);
        console.pump.start();
        return console;
    }

    /**
     * Waits until one of {@code patterns} matches the unread console text, then consumes the text through the
     * end of the earliest match.
     *
     * @param waitingFor what we wait for, in words, for the error message
     * @throws ConsoleException TIMEOUT after {@code timeout}, CLOSED if the console ends first
     */
    ConsoleMatch expect(List<Pattern> patterns, Duration timeout, String waitingFor) throws ConsoleException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int scanFrom = 0;
        synchronized (lock) {
            while (true) {
                ConsoleMatch found = search(patterns, scanFrom);
                if (found != null) {
                    return found;
                }
                scanFrom = Math.max(0, text.length() - RESCAN_CHARS);
                if (ended) {
                    String why = readFailure == null ? "the console ended (the VM stopped)"
                            : "reading the console failed: " + readFailure.getMessage();
                    throw new ConsoleException(ConsoleException.Problem.CLOSED,
                            why + " while waiting for " + waitingFor, tail());
                }
                long leftNanos = deadline - System.nanoTime();
                if (leftNanos <= 0) {
                    throw new ConsoleException(ConsoleException.Problem.TIMEOUT,
                            "no " + waitingFor + " within " + ConsoleText.duration(timeout), tail());
                }
                try {
                    lock.wait(Math.max(1, leftNanos / 1_000_000), 0);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ConsoleException(ConsoleException.Problem.CLOSED,
                            "interrupted while waiting for " + waitingFor, tail());
                }
            }
        }
    }

    private ConsoleMatch search(List<Pattern> patterns, int scanFrom) {
        int bestIndex = -1;
        Matcher best = null;
        for (int i = 0; i < patterns.size(); i++) {
            Matcher m = patterns.get(i).matcher(text);
            if (m.find(scanFrom) && (best == null || m.start() < best.start())) {
                best = m;
                bestIndex = i;
            }
        }
        if (best == null) {
            return null;
        }
        List<String> groups = new ArrayList<>();
        for (int g = 1; g <= best.groupCount(); g++) {
            String value = best.group(g);
            groups.add(value == null ? "" : value);
        }
        ConsoleMatch match = new ConsoleMatch(bestIndex, text.substring(0, best.start()), best.group(), groups,
                kernelMessages);
        text.delete(0, best.end());
        kernelMessages.clear();
        return match;
    }

    /** Types {@code keys} (UTF-8) at once. */
    void send(String keys) throws ConsoleException {
        byte[] bytes = keys.getBytes(StandardCharsets.UTF_8);
        try {
            toVm.write(bytes);
            toVm.flush();
            recorder.toVm(bytes, 0, bytes.length);
        } catch (IOException e) {
            throw new ConsoleException(ConsoleException.Problem.CLOSED,
                    "typing on the console failed: " + e.getMessage(), tail());
        }
    }

    /** Drops the unread text (and kernel messages) received so far; returns the text dropped. */
    String discardUnread() {
        synchronized (lock) {
            String dropped = text.toString();
            text.setLength(0);
            kernelMessages.clear();
            return dropped;
        }
    }

    /** Whether the VM side of the console has ended. */
    public boolean ended() {
        synchronized (lock) {
            return ended;
        }
    }

    private String tail() {
        int from = Math.max(0, text.length() - TAIL_CHARS);
        return ConsoleText.readable(text.substring(from));
    }

    private void pumpLoop() {
        byte[] buf = new byte[16384];
        try {
            while (true) {
                int n = fromVm.read(buf);
                if (n < 0) {
                    break;
                }
                if (n == 0) {
                    continue;
                }
                recorder.fromVm(buf, 0, n);
                String chars = new String(buf, 0, n, StandardCharsets.ISO_8859_1);
                synchronized (lock) {
                    text.append(splitter.feed(chars));
                    kernelMessages.addAll(splitter.drainMessages());
                    lock.notifyAll();
                }
            }
        } catch (IOException e) {
            synchronized (lock) {
                readFailure = e;
            }
        } finally {
            synchronized (lock) {
                text.append(splitter.flush());
                ended = true;
                lock.notifyAll();
            }
        }
    }

    /** Closes both streams; the reader thread ends with the input stream. */
    @Override
    public void close() throws IOException {
        try {
            toVm.close();
        } finally {
            fromVm.close();
        }
    }
}
