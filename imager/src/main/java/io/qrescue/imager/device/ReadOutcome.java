package io.qrescue.imager.device;

import java.util.Objects;

/**
 * What one read did: {@code copiedBytes} good bytes from the start of the request, then {@code errorBytes} that
 * failed; fewer than requested in total means end of file. {@code durationNanos} is how long the read took
 * (simulated for fault-model devices).
 */
public record ReadOutcome(int copiedBytes, int errorBytes, ReadError error, long durationNanos) {

    public ReadOutcome {
        Objects.requireNonNull(error, "error");
        if (copiedBytes < 0 || errorBytes < 0) {
            throw new IllegalArgumentException("negative byte count");
        }
        if (errorBytes > 0 && error == ReadError.NONE) {
            throw new IllegalArgumentException("failed bytes need a cause");
        }
    }

    /** A read that copied {@code copied} bytes without error (fewer than requested: end of file). */
    public static ReadOutcome copied(int copied, long durationNanos) {
        return new ReadOutcome(copied, 0, ReadError.NONE, durationNanos);
    }

    /** A read that copied {@code copied} bytes and then failed for the remaining {@code failed} bytes. */
    public static ReadOutcome failed(int copied, int failed, ReadError cause, long durationNanos) {
        return new ReadOutcome(copied, failed, cause, durationNanos);
    }

    public boolean hasError() {
        return errorBytes > 0;
    }

    /** The same outcome with another duration. */
    public ReadOutcome withDuration(long nanos) {
        return new ReadOutcome(copiedBytes, errorBytes, error, nanos);
    }
}
