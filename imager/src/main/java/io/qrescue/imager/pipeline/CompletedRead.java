package io.qrescue.imager.pipeline;

import io.qrescue.imager.device.ReadOutcome;
import java.nio.ByteBuffer;

/**
 * A finished read as the engine sees it: where, how large, what happened, and its data (read-only view of the
 * slot's buffer, valid until the engine has decided about the read).
 *
 * @param speculative true if the engine asked for it ahead of need
 * @param deviceReadNanos how long the device read took if this read starts one (a whole read, or the first
 *                        piece of a coalesced read), else -1 (a later piece of a coalesced read)
 */
public record CompletedRead(long pos, int size, ReadOutcome outcome, ByteBuffer data, boolean speculative,
        long deviceReadNanos) {
}
