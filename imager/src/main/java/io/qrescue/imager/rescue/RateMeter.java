package io.qrescue.imager.rescue;

import io.qrescue.imager.time.TimeSource;

/**
 * Rates, slow reads, the timeout and the error-rate limit, updated at most once per whole second of the
 * {@link TimeSource} (ddrescue: Rescuebook::update_rates, spec 2.8).
 */
final class RateMeter {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final TimeSource time;
    private final long maxReadRate;
    private final long maxErrorRate;
    private final long timeoutSeconds;
    private final long delaySlowSeconds;
    private final boolean resetSlow;
    private long minReadRate;          // -1 = slow-read detection off
    private boolean started;
    private long t0;                   // start of the run, seconds
    private long t1;                   // last update, seconds
    private long ts;                   // last time the rescued size grew, seconds
    private long pausedNanos;          // simulated pauses not yet added to the run time
    private long firstSize;
    private long lastSize;
    private long averageRate;
    private long currentRate;
    private long errorRate;
    private long errorBytes;           // failed bytes since the last update
    private boolean currentSlow;
    private boolean previousSlow;
    private boolean ratesUpdated;
    private long slowReads;
    private boolean timeoutExpired;
    private boolean errorRateExceeded;

    RateMeter(RescueOptions options, TimeSource time) {
        this.time = time;
        this.maxReadRate = options.maxReadRate();
        this.maxErrorRate = options.maxErrorRate();
        this.timeoutSeconds = options.timeoutSeconds();
        this.delaySlowSeconds = options.delaySlowSeconds();
        this.resetSlow = options.resetSlow();
        this.minReadRate = options.minReadRate();
    }

    /**
     * Updates the rates if a new second has begun (always with {@code force}, which only re-evaluates the limits).
     * Returns true if the second that just ended was slow.
     */
    boolean update(boolean force, long finishedBytes) throws InterruptedException {
        if (!started) {
            started = true;
            t0 = t1 = ts = time.epochSeconds();
            firstSize = lastSize = finishedBytes;
            ratesUpdated = true;
        }
        long t2 = time.epochSeconds();
        if (maxReadRate > 0 && finishedBytes - lastSize > maxReadRate && t2 == t1) {
            time.sleep(NANOS_PER_SECOND); // -Z: wait for the next second
            t2 = time.epochSeconds();
        }
        if (t2 < t1) { // the clock jumped back
            long delta = Math.min(t0 - 1, t1 - t2);
            t0 -= delta;
            ts -= delta;
            t1 = t2;
        }
        boolean forceUpdate = force && t2 <= t1;
        if (forceUpdate) {
            t2 = t1 + 1;
        }
        if (t2 <= t1) {
            return false;
        }
        if (pausedNanos > 0) {
            long delta = Math.min(t0 - 1, Math.round((double) pausedNanos / NANOS_PER_SECOND));
            t0 -= delta;
            t1 -= delta;
            ts -= delta;
            pausedNanos = 0;
        }
        averageRate = (finishedBytes - firstSize) / (t2 - t0);
        currentRate = (finishedBytes - lastSize) / (t2 - t1);
        if (!timeoutExpired) {
            if (finishedBytes != lastSize) {
                lastSize = finishedBytes;
                ts = t2;
            } else if (!forceUpdate && timeoutSeconds >= 0 && t2 - ts > timeoutSeconds && t1 > t0) {
                timeoutExpired = true;
            }
        }
        if (!errorRateExceeded) {
            errorRate = errorBytes / (t2 - t1);
            errorBytes = 0;
            if (maxErrorRate >= 0 && errorRate > maxErrorRate) {
                errorRateExceeded = true;
            }
        }
        ratesUpdated = true;
        if (forceUpdate) {
            return false;
        }
        t1 = t2;
        previousSlow = currentSlow;
        currentSlow = t1 - t0 > delaySlowSeconds
                && ((minReadRate > 0 && currentRate < minReadRate) || (minReadRate == 0 && currentRate < averageRate / 10));
        if (!currentSlow && resetSlow) {
            slowReads = 0;
        }
        return currentSlow;
    }

    /** A pass of --pause-on-pass ended at the current time: the pause must not count as "no progress". */
    void pausedForPass(long pauseSeconds) {
        long t2 = time.epochSeconds();
        if (t1 < t2) {
            t1 = t2;
        }
        ts = Math.min(ts + pauseSeconds, t2);
    }

    /** Adds a simulated pause (--pause-on-error=sT) to the run time. */
    void addSimulatedPause(long nanos) {
        pausedNanos += nanos;
    }

    void addErrorBytes(long bytes) {
        errorBytes += bytes;
    }

    /** Counts a slow read; returns the new count. */
    long countSlowRead() {
        return ++slowReads;
    }

    /** Slow-read detection ends after pass 2 (ddrescue resets min_read_rate). */
    void disableSlowReads() {
        if (minReadRate >= 0) {
            minReadRate = -1;
        }
    }

    /** Forgets that the current second was slow (on a block change in the copying phase). */
    void clearCurrentSlow() {
        currentSlow = false;
    }

    boolean previousSlow() {
        return previousSlow;
    }

    boolean ratesUpdated() {
        return ratesUpdated;
    }

    void clearRatesUpdated() {
        ratesUpdated = false;
    }

    boolean timeoutExpired() {
        return timeoutExpired;
    }

    boolean errorRateExceeded() {
        return errorRateExceeded;
    }

    long elapsedSeconds() {
        return t1 - t0;
    }

    long secondsSinceLastGoodRead() {
        return ts > t0 ? t1 - ts : -1;
    }

    long currentRate() {
        return currentRate;
    }

    long averageRate() {
        return averageRate;
    }

    long errorRate() {
        return errorRate;
    }

    long slowReads() {
        return slowReads;
    }
}
