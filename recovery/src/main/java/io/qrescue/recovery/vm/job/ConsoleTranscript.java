package io.qrescue.recovery.vm.job;

import io.qrescue.recovery.vm.VmException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything a VM prints on its console, read by a thread of its own into memory and a log file, with
 * {@link #await} for a marker. Each awaited marker consumes the text up to its end, so the next search starts after it.
 */
public final class ConsoleTranscript implements AutoCloseable {
    private final StringBuilder text = new StringBuilder();
    private final Thread reader;
    private final OutputStream log;
    private final Path logFile;
    private final Consumer<String> lineListener;
    private final StringBuilder partialLine = new StringBuilder();
    private int searchFrom;
    private boolean ended;

    /** Starts reading {@code console}; each full line also goes to {@code lineListener}. */
    public ConsoleTranscript(InputStream console, Path logFile, Consumer<String> lineListener) throws IOException {
        this.logFile = logFile;
        this.log = Files.newOutputStream(logFile);
        this.lineListener = lineListener;
        this.reader = new Thread(() -> pump(console), "vm-console-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private void pump(InputStream console) {
        byte[] buffer = new byte[8192];
        try (console) {
            for (int n; (n = console.read(buffer)) > 0; ) {
                log.write(buffer, 0, n);
                log.flush();
                String chunk = new String(buffer, 0, n, StandardCharsets.UTF_8).replace("\r", "");
                synchronized (this) {
                    text.append(chunk);
                    notifyAll();
                }
                lines(chunk);
            }
        } catch (IOException e) {
            // the pipe closes when qemu is killed; what was read so far stays
        } finally {
            synchronized (this) {
                ended = true;
                notifyAll();
            }
        }
    }

    private void lines(String chunk) {
        for (char c : chunk.toCharArray()) {
            if (c == '\n') {
                lineListener.accept(partialLine.toString());
                partialLine.setLength(0);
            } else {
                partialLine.append(c);
            }
        }
    }

    /**
     * Waits for {@code marker} after the previous match; a {@link VmException} naming {@code what} when it does
     * not come within {@code timeout} or the console ends first.
     */
    public synchronized MatchResult await(Pattern marker, Duration timeout, String what) throws VmException,
            InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Matcher m = marker.matcher(text);
            if (m.find(searchFrom)) {
                searchFrom = m.end();
                return m.toMatchResult();
            }
            if (ended) {
                throw new VmException("the VM stopped while waiting for " + what + " (console: " + logFile + "; last output: "
                        + tail(300) + ")");
            }
            long leftNanos = deadline - System.nanoTime();
            if (leftNanos <= 0) {
                throw new VmException("timeout after " + timeout.toSeconds() + " s waiting for " + what
                        + " (console: " + logFile + "; last output: " + tail(300) + ")");
            }
            wait(Math.max(1, leftNanos / 1_000_000));
        }
    }

    /** The whole console text so far. */
    public synchronized String text() {
        return text.toString();
    }

    /** The last {@code chars} characters on one line, for error messages. */
    public synchronized String tail(int chars) {
        String t = text.substring(Math.max(0, text.length() - chars)).trim();
        return t.replace('\n', '|');
    }

    /** The log file the console is copied to. */
    public Path logFile() {
        return logFile;
    }

    /** Waits briefly for the reader to drain and closes the log. */
    @Override
    public void close() throws IOException {
        try {
            reader.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.close();
    }
}
