package io.qrescue.imager.time;

/**
 * Where the engine gets the time and how it waits. Nanoseconds since the Unix epoch, so whole seconds are
 * what ddrescue gets from {@code time(0)}: rates, timeouts and mapfile intervals are computed on them.
 */
public interface TimeSource {

    /** Nanoseconds since 1970-01-01T00:00:00Z. */
    long epochNanos();

    /** Whole seconds since the epoch (ddrescue's {@code time(0)}). */
    default long epochSeconds() {
        return Math.floorDiv(epochNanos(), 1_000_000_000L);
    }

    /** Waits {@code nanos} nanoseconds (a virtual clock just moves forward). */
    void sleep(long nanos) throws InterruptedException;

    /** The system clock, sleeping with {@link Thread#sleep}. */
    static TimeSource system() {
        return SystemTimeSource.INSTANCE;
    }
}
