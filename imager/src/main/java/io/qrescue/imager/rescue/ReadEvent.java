package io.qrescue.imager.rescue;

import io.qrescue.imager.device.ReadError;

/**
 * One read of the input (one line of ddrescue's reads log). {@code pos} is the start of the read also for
 * backward passes.
 *
 * @param pos           input position
 * @param size          bytes requested
 * @param copied        bytes copied
 * @param failed        bytes that failed (copied + failed less than size: end of file)
 * @param error         cause of the failure, {@link ReadError#NONE} if none
 * @param durationNanos how long the read took
 */
public record ReadEvent(long pos, int size, int copied, int failed, ReadError error, long durationNanos) {
}
