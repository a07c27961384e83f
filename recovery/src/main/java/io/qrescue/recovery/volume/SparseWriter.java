package io.qrescue.recovery.volume;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;

/**
 * Writes chunks of a volume into its output file at their volume offsets, leaving out every all-zero unit of
 * {@link VolumeExtractor#SPARSE_UNIT} bytes on the volume's grid: the output is new and sized to the volume,
 * so what is not written is a hole that reads as zeros.
 */
final class SparseWriter {

    private final FileChannel out;
    private final ByteBuffer zeros = ByteBuffer.allocateDirect(VolumeExtractor.SPARSE_UNIT);
    private long writtenBytes;

    SparseWriter(FileChannel out) {
        this.out = out;
    }

    /** Bytes written so far (non-zero units). */
    long writtenBytes() {
        return writtenBytes;
    }

    /**
     * Writes the non-zero units of {@code data}'s bytes from 0 to its limit, the volume's bytes from {@code
     * logical}; returns the bytes written. Leaves {@code data}'s position and limit changed.
     */
    long write(ByteBuffer data, long logical) throws IOException {
        int length = data.limit();
        long written = 0;
        int runStart = -1;
        int unitStart = 0;
        while (unitStart < length) {
            // units follow the volume's SPARSE_UNIT grid: the first one may be short
            int unitEnd = (int) Math.min(length, unitStart + VolumeExtractor.SPARSE_UNIT
                    - (logical + unitStart) % VolumeExtractor.SPARSE_UNIT);
            data.limit(unitEnd).position(unitStart);
            zeros.clear().limit(unitEnd - unitStart);
            boolean zero = data.mismatch(zeros) == -1;
            if (!zero && runStart < 0) {
                runStart = unitStart;
            } else if (zero && runStart >= 0) {
                written += writeFully(data, runStart, unitStart, logical);
                runStart = -1;
            }
            unitStart = unitEnd;
        }
        if (runStart >= 0) {
            written += writeFully(data, runStart, length, logical);
        }
        writtenBytes += written;
        return written;
    }

    private long writeFully(ByteBuffer data, int from, int to, long logical) throws IOException {
        data.limit(to).position(from);
        while (data.hasRemaining()) {
            try {
                out.write(data, logical + data.position());
            } catch (ClosedChannelException e) {
                throw e; // an interrupt closed it: the caller tells interrupts apart by this type
            } catch (IOException e) {
                throw new IOException("writing at volume offset " + (logical + data.position()) + ": "
                        + e.getMessage(), e);
            }
        }
        return to - from;
    }
}
