package io.qrescue.imager.rescue;

import io.qrescue.imager.latency.LatencySnapshot;
import java.util.Objects;

/**
 * A snapshot of a rescue's counters, as ddrescue shows them on its status screen. Sizes are bytes inside the
 * rescue domain; rates are bytes per second over whole seconds.
 *
 * @param elapsedSeconds  run time (pauses simulated with --pause-on-error=sT included)
 * @param lastPos         position of the last read started
 * @param outputOffset    add to {@code lastPos} for the output position
 * @param domainSize      bytes in the rescue domain
 * @param nonTried        bytes still '?'
 * @param nonTrimmed      bytes '*'
 * @param nonScraped      bytes '/'
 * @param badSector       bytes '-'
 * @param finished        bytes '+'
 * @param badAreas        runs of '-' blocks
 * @param readErrors      failed reads in this run
 * @param slowReads       slow seconds counted by -a
 * @param currentRate     bytes rescued per second since the previous update
 * @param averageRate     bytes rescued per second since the start
 * @param errorRate       bytes failed per second since the previous update
 * @param secondsSinceLastGoodRead -1 if there was none yet
 * @param timeMark        true when ddrescue writes a time mark in the reads log for this update
 * @param readLatency     read durations of the current phase (not shown by ddrescue; empty if unknown)
 */
public record RescueStats(
        long elapsedSeconds,
        long lastPos,
        long outputOffset,
        long domainSize,
        long nonTried,
        long nonTrimmed,
        long nonScraped,
        long badSector,
        long finished,
        long badAreas,
        long readErrors,
        long slowReads,
        long currentRate,
        long averageRate,
        long errorRate,
        long secondsSinceLastGoodRead,
        boolean timeMark,
        LatencySnapshot readLatency) {

    public RescueStats {
        Objects.requireNonNull(readLatency, "readLatency");
    }

    /** The counters without read latencies (ddrescue's screen shows none). */
    public RescueStats(long elapsedSeconds, long lastPos, long outputOffset, long domainSize, long nonTried,
            long nonTrimmed, long nonScraped, long badSector, long finished, long badAreas, long readErrors,
            long slowReads, long currentRate, long averageRate, long errorRate, long secondsSinceLastGoodRead,
            boolean timeMark) {
        this(elapsedSeconds, lastPos, outputOffset, domainSize, nonTried, nonTrimmed, nonScraped, badSector,
                finished, badAreas, readErrors, slowReads, currentRate, averageRate, errorRate,
                secondsSinceLastGoodRead, timeMark, LatencySnapshot.EMPTY);
    }

    /** ddrescue's "pct rescued" text: finished bytes of the domain, truncated to two decimals ("92.38%"). */
    public String percentRescued() {
        return io.qrescue.mapfile.HumanNumbers.formatPercentage(finished, domainSize, 3, 2, false);
    }
}
