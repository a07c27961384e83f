package io.qrescue.imager.latency;

import io.qrescue.mapfile.RunStatus;
import java.util.EnumMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Records the duration of every read of a rescue: per phase, for the whole run, and in intervals for an optional
 * {@link LatencyLog}. Intervals follow the whole seconds of run time, so the log lines up with the rates log; a
 * phase change also closes one. A read belongs to the interval in which it ended. Seconds without reads write no
 * interval. Single-threaded, like the engine.
 */
public final class LatencyRecorder {

    /** Longer reads are recorded as this long: a read that hangs for more than an hour is off the scale anyway. */
    public static final long HIGHEST_TRACKABLE_NANOS = 3_600_000_000_000L;
    private static final int SIGNIFICANT_DIGITS = 3;
    private static final long INTERVAL_NANOS = 1_000_000_000L;

    private final Map<RunStatus, Histogram> byPhase = new EnumMap<>(RunStatus.class);
    private final Histogram overall = newHistogram();
    private final Histogram interval = newHistogram(); // reads since intervalStartNanos, for the log
    private final LatencyLog log;                      // null: no log
    private final long startEpochNanos;
    private RunStatus phase;                           // null before the first phase
    private long intervalStartNanos;
    private long intervalEndNanos;                     // the next whole second of run time after the start

    /**
     * @param startEpochNanos start of the run (the first interval opens here)
     * @param log             where intervals go; null for none
     */
    public LatencyRecorder(long startEpochNanos, LatencyLog log) {
        this.startEpochNanos = startEpochNanos;
        this.log = log;
        openInterval(startEpochNanos);
    }

    private static Histogram newHistogram() {
        return new Histogram(HIGHEST_TRACKABLE_NANOS, SIGNIFICANT_DIGITS);
    }

    /** A phase starts; a change of phase closes the current interval. Passes within a phase do not. */
    public void phaseStarted(RunStatus newPhase, long nowEpochNanos) {
        if (newPhase != phase) {
            closeInterval(Math.min(nowEpochNanos, intervalEndNanos));
            phase = newPhase;
            openInterval(nowEpochNanos);
        }
    }

    /**
     * Records one read of the current phase that ended at {@code nowEpochNanos}.
     *
     * @throws IllegalStateException before the first {@link #phaseStarted}
     */
    public void record(long durationNanos, long nowEpochNanos) {
        if (phase == null) {
            throw new IllegalStateException("read recorded before any phase started");
        }
        if (nowEpochNanos >= intervalEndNanos) {
            closeInterval(intervalEndNanos);
            openInterval(nowEpochNanos - Math.floorMod(nowEpochNanos - startEpochNanos, INTERVAL_NANOS));
        }
        long value = Math.max(0, Math.min(durationNanos, HIGHEST_TRACKABLE_NANOS));
        byPhase.computeIfAbsent(phase, p -> newHistogram()).recordValue(value);
        overall.recordValue(value);
        interval.recordValue(value);
    }

    /** Closes the last interval at the end of the run. */
    public void finish(long nowEpochNanos) {
        closeInterval(Math.min(nowEpochNanos, intervalEndNanos));
        openInterval(nowEpochNanos);
    }

    /** The current phase's latencies; empty before its first read. */
    public LatencySnapshot current() {
        return phase == null ? LatencySnapshot.EMPTY : phase(phase);
    }

    /** The latencies of {@code runStatus} so far in this run. */
    public LatencySnapshot phase(RunStatus runStatus) {
        Histogram h = byPhase.get(runStatus);
        return h == null ? LatencySnapshot.EMPTY : LatencySnapshot.of(h);
    }

    /** The latencies of all reads of the run. */
    public LatencySnapshot overall() {
        return LatencySnapshot.of(overall);
    }

    /** Opens an interval at {@code fromEpochNanos} that lasts at most to the end of that second of run time. */
    private void openInterval(long fromEpochNanos) {
        intervalStartNanos = fromEpochNanos;
        long second = Math.floorDiv(fromEpochNanos - startEpochNanos, INTERVAL_NANOS);
        intervalEndNanos = startEpochNanos + (second + 1) * INTERVAL_NANOS;
    }

    private void closeInterval(long endEpochNanos) {
        if (log != null && interval.getTotalCount() > 0) {
            interval.setTag(phase.label());
            log.write(interval, intervalStartNanos, endEpochNanos);
        }
        interval.reset();
    }
}
