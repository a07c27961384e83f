package io.qrescue.imager.latency;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * An HdrHistogram interval log of read latencies ({@code --latency-log}), readable with
 * {@code HistogramLogReader} and the usual HdrHistogram tools. Each interval is tagged with its phase
 * ("copying", "trimming", ...); timestamps count from the start of the run. Not thread-safe.
 */
public final class LatencyLog implements Closeable {

    /** Interval maxima are written in milliseconds, the unit HdrHistogram's plotting tools expect. */
    private static final double NANOS_PER_MILLI = 1_000_000.0;

    private final PrintStream stream;
    private final HistogramLogWriter writer;
    private final long startEpochNanos;

    /**
     * Starts a log on {@code out}: writes the header with the run's start time.
     *
     * @param startEpochNanos start of the run; interval times in the log are relative to it
     */
    public LatencyLog(OutputStream out, long startEpochNanos) {
        // PrintStream swallows I/O errors; close() reports them through checkError()
        this.stream = new PrintStream(out, false, StandardCharsets.UTF_8);
        this.writer = new HistogramLogWriter(stream);
        this.startEpochNanos = startEpochNanos;
        long startMillis = startEpochNanos / 1_000_000L;
        writer.outputComment("qrescue read latencies in nanoseconds, one interval per second and per phase change");
        writer.outputLogFormatVersion();
        writer.outputStartTime(startMillis);
        writer.outputBaseTime(startMillis);
        writer.outputLegend();
    }

    /** Creates (or replaces) {@code file} and starts a log in it. */
    public static LatencyLog create(Path file, long startEpochNanos) throws IOException {
        return new LatencyLog(new BufferedOutputStream(Files.newOutputStream(file)), startEpochNanos);
    }

    /** Writes one interval, tagged with {@code interval}'s tag, for the given span of the run. */
    void write(Histogram interval, long fromEpochNanos, long toEpochNanos) {
        writer.outputIntervalHistogram((fromEpochNanos - startEpochNanos) / 1e9, (toEpochNanos - startEpochNanos) / 1e9,
                interval, NANOS_PER_MILLI);
    }

    /** Flushes and closes the file; an IOException if any write failed. */
    @Override
    public void close() throws IOException {
        stream.flush();
        boolean failed = stream.checkError();
        stream.close();
        if (failed) {
            throw new IOException("Error writing the latency log");
        }
    }
}
