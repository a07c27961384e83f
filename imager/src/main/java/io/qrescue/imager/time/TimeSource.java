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

    /** This time source as a {@link java.time.Clock} in the system's time zone (for the mapfile's header times). */
    default java.time.Clock clock() {
        TimeSource source = this;
        java.time.ZoneId zone = java.time.ZoneId.systemDefault();
        return new java.time.Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return zone;
            }

            @Override
            public java.time.Clock withZone(java.time.ZoneId other) {
                return java.time.Clock.fixed(instant(), other);
            }

            @Override
            public java.time.Instant instant() {
                long nanos = source.epochNanos();
                return java.time.Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L),
                        Math.floorMod(nanos, 1_000_000_000L));
            }
        };
    }

    /** The system clock, sleeping with {@link Thread#sleep}. */
    static TimeSource system() {
        return SystemTimeSource.INSTANCE;
    }
}
