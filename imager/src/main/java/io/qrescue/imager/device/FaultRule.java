package io.qrescue.imager.device;

import io.qrescue.mapfile.Block;

/** One line of a fault spec (see the package documentation for the text form). */
public sealed interface FaultRule {

    /** Every read touching {@code range} fails there (EIO); sectors before it in the same read succeed. */
    record HardBad(Block range) implements FaultRule {
    }

    /** Each sector of {@code range} fails the first {@code failures} reads that reach it, then reads fine. */
    record SoftBad(Block range, int failures) implements FaultRule {
    }

    /** Reads touching {@code range} succeed but take {@code latencyNanos} longer. */
    record Slow(Block range, long latencyNanos) implements FaultRule {
    }

    /** Reads touching {@code range} hang for {@code hangNanos} and then fail there (EIO). */
    record Hang(Block range, long hangNanos) implements FaultRule {
    }

    /** Reads of {@code range} return zeros without an error (a disk that lies). */
    record Zeros(Block range) implements FaultRule {
    }

    /**
     * After {@code afterReads} read calls the device is gone (ENODEV) for {@code absentReads} calls, or until
     * it is reopened if {@code absentReads} is negative; then it is back for good.
     */
    record Vanish(long afterReads, long absentReads) implements FaultRule {
    }
}
