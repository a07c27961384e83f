package io.qrescue.imager.device;

import java.nio.ByteBuffer;

/**
 * ddrescue's read loop (spec 2.2) over any positional read call: read until the request is complete, end of
 * file (a call returns 0) or an error other than EINTR; the error's errno becomes the outcome's {@link ReadError}.
 */
public final class ReadLoop {

    private static final int EINTR = 4;

    /** One positional read call, such as {@code pread(2)}. */
    @FunctionalInterface
    public interface Call {
        /**
         * Reads at most {@code length} bytes at {@code pos} into {@code dst}, advancing its position; returns the
         * count (0 at end of file) or {@code -errno}.
         */
        long read(long pos, ByteBuffer dst, int length);
    }

    private ReadLoop() {
    }

    /**
     * Fills {@code dst} from {@code pos} by calls of at most {@code maxCallBytes} bytes. With
     * {@code directSectorSize > 0} (O_DIRECT), a short call that leaves the position off a sector boundary ends
     * the loop as end of file: the kernel returns short direct reads only at end of file, and a direct read from
     * an unaligned offset would fail with EINVAL. The duration of the outcome is 0; the caller measures it.
     */
    public static ReadOutcome readFully(long pos, ByteBuffer dst, int maxCallBytes, int directSectorSize, Call call) {
        if (maxCallBytes < 1) {
            throw new IllegalArgumentException("maxCallBytes must be positive");
        }
        int requested = dst.remaining();
        int copied = 0;
        while (copied < requested) {
            if (directSectorSize > 0 && copied > 0 && (pos + copied) % directSectorSize != 0) {
                break;
            }
            long n = call.read(pos + copied, dst, Math.min(requested - copied, maxCallBytes));
            if (n == -EINTR) {
                continue;
            }
            if (n < 0) {
                return ReadOutcome.failed(copied, requested - copied, ReadError.ofErrno((int) -n), 0);
            }
            if (n == 0) {
                break;
            }
            copied += (int) n;
        }
        return ReadOutcome.copied(copied, 0);
    }
}
