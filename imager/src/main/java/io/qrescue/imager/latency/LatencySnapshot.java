package io.qrescue.imager.latency;

import org.HdrHistogram.Histogram;

/**
 * Percentiles of the read durations of one phase or of a whole run. Values are the histogram's equivalent values
 * (3 significant digits), in nanoseconds.
 *
 * @param reads     number of reads recorded; 0 means the other fields say nothing
 * @param p50Nanos  median read duration
 * @param p99Nanos  99th percentile
 * @param maxNanos  longest read
 */
public record LatencySnapshot(long reads, long p50Nanos, long p99Nanos, long maxNanos) {

    /** No reads recorded (yet). */
    public static final LatencySnapshot EMPTY = new LatencySnapshot(0, 0, 0, 0);

    /** The percentiles of {@code histogram} now. */
    public static LatencySnapshot of(Histogram histogram) {
        long reads = histogram.getTotalCount();
        if (reads == 0) {
            return EMPTY;
        }
        return new LatencySnapshot(reads, histogram.getValueAtPercentile(50), histogram.getValueAtPercentile(99),
                histogram.getMaxValue());
    }

    /** True if no read was recorded. */
    public boolean isEmpty() {
        return reads == 0;
    }
}
