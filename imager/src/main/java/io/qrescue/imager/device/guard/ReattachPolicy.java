package io.qrescue.imager.device.guard;

/**
 * How long to wait for a vanished disk.
 *
 * @param pollIntervalNanos time between two looks at the device inventory, positive
 * @param maxWaitNanos      give up after this long, not negative
 */
public record ReattachPolicy(long pollIntervalNanos, long maxWaitNanos) {

    public ReattachPolicy {
        if (pollIntervalNanos <= 0 || maxWaitNanos < 0) {
            throw new IllegalArgumentException("poll interval must be positive and maximum wait not negative");
        }
    }

    /** Looks every {@code pollSeconds} for up to {@code maxWaitSeconds}. */
    public static ReattachPolicy ofSeconds(long pollSeconds, long maxWaitSeconds) {
        return new ReattachPolicy(pollSeconds * 1_000_000_000L, maxWaitSeconds * 1_000_000_000L);
    }
}
