package io.qrescue.imager.time;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that only moves when told to, or when something sleeps on it: a simulated 2-second read advances it
 * by 2 s at once. Thread-safe.
 */
public final class VirtualClock implements TimeSource {

    /** 2023-11-14T22:13:20Z: a start far from 0, because ddrescue treats a time of 0 as "not started". */
    public static final long DEFAULT_START_EPOCH_SECONDS = 1_700_000_000L;

    private final AtomicLong nanos;

    /** A clock at {@link #DEFAULT_START_EPOCH_SECONDS}. */
    public VirtualClock() {
        this(DEFAULT_START_EPOCH_SECONDS * 1_000_000_000L);
    }

    public VirtualClock(long startEpochNanos) {
        this.nanos = new AtomicLong(startEpochNanos);
    }

    @Override
    public long epochNanos() {
        return nanos.get();
    }

    @Override
    public void sleep(long sleepNanos) {
        advance(sleepNanos);
    }

    /** Moves the clock forward; negative values are ignored (time never runs back here). */
    public void advance(long deltaNanos) {
        if (deltaNanos > 0) {
            nanos.addAndGet(deltaNanos);
        }
    }

    /** Moves the clock forward by whole seconds. */
    public void advanceSeconds(long seconds) {
        advance(seconds * 1_000_000_000L);
    }
}
