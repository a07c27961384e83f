package io.qrescue.imager.pipeline;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.Sequence;
import io.qrescue.imager.output.OutputImage;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The pipeline's writer thread: writes the slots the engine decided to write, in sequence order, straight from
 * the slot's buffer. After a failed write it writes nothing more (ddrescue stops at the first write error) and
 * keeps the failure for the engine.
 */
final class SlotWriter implements EventHandler<ReadSlot> {

    private final OutputImage output;
    private final WriteOptions options;
    private final StageWaitStrategy waits;
    private Sequence progress;
    private ByteBuffer compare;                       // -C only
    private volatile long sparseEnd;                  // -S: end of the highest zero block not written
    private volatile long failedSequence = -1;        // first slot whose write failed; -1: none
    private volatile int failedPiece;                 // the piece of that slot whose write failed
    private volatile IOException failure;

    SlotWriter(OutputImage output, WriteOptions options, StageWaitStrategy waits) {
        this.output = output;
        this.options = options;
        this.waits = waits;
    }

    @Override
    public void setSequenceCallback(Sequence sequenceCallback) {
        this.progress = sequenceCallback;
    }

    @Override
    public void onEvent(ReadSlot slot, long sequence, boolean endOfBatch) {
        if (failedSequence < 0) {
            try {
                writePieces(slot, true);
            } catch (PieceWriteException merged) {
                // again piece by piece, in order, so the pieces before the failing one are written as ddrescue's
                // cluster writes would have been
                try {
                    writePieces(slot, false);
                } catch (PieceWriteException e) {
                    failure = e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
                    failedPiece = e.piece;
                    failedSequence = sequence;
                }
            }
        }
        progress.set(sequence);
        waits.signalAllWhenBlocking();
    }

    /**
     * Writes the pieces decided for writing. Consecutive whole pieces that land next to each other go out as one
     * write; with -S, -C or -y every piece is written on its own, as ddrescue writes each read.
     */
    private void writePieces(ReadSlot slot, boolean mergeAllowed) throws PieceWriteException {
        boolean merge = mergeAllowed && !options.sparse() && !options.compareFirst() && !options.syncEach();
        int i = 0;
        while (i < slot.pieces) {
            if (!slot.write[i]) {
                i++;
                continue;
            }
            int start = slot.pieceOffset[i];
            long outPos = slot.outPos[i];
            int bytes = slot.writeBytes[i];
            int j = i + 1;
            while (merge && j < slot.pieces && slot.write[j] && slot.writeBytes[j - 1] == slot.pieceSize[j - 1]
                    && slot.pieceOffset[j] == start + bytes && slot.outPos[j] == outPos + bytes) {
                bytes += slot.writeBytes[j];
                j++;
            }
            try {
                write(slot.buffer, start, outPos, bytes);
            } catch (IOException | RuntimeException e) {
                throw new PieceWriteException(i, e);
            }
            i = j;
        }
    }

    private void write(ByteBuffer buffer, int start, long outPos, int bytes) throws IOException {
        ByteBuffer data = buffer.duplicate().clear().position(start).limit(start + bytes).slice();
        if (options.sparse() && isZero(data)) {
            sparseEnd = Math.max(sparseEnd, outPos + bytes);
            return;
        }
        if (options.compareFirst()) {
            if (compare == null || compare.capacity() < bytes) {
                compare = ByteBuffer.allocate(buffer.capacity());
            }
            compare.clear().limit(bytes);
            if (output.read(outPos, compare) == bytes && compare.flip().equals(data)) {
                return;
            }
        }
        output.write(outPos, data);
        if (options.syncEach()) {
            output.sync();
        }
    }

    private static boolean isZero(ByteBuffer data) {
        int i = 0;
        int n = data.limit();
        for (; i + Long.BYTES <= n; i += Long.BYTES) {
            if (data.getLong(i) != 0) {
                return false;
            }
        }
        for (; i < n; i++) {
            if (data.get(i) != 0) {
                return false;
            }
        }
        return true;
    }

    long sparseEnd() {
        return sparseEnd;
    }

    int failedPiece() {
        return failedPiece;
    }

    /** A write of the slot's pieces from {@code piece} on failed. */
    private static final class PieceWriteException extends Exception {
        final int piece;

        PieceWriteException(int piece, Exception cause) {
            super(cause);
            this.piece = piece;
        }
    }

    long failedSequence() {
        return failedSequence;
    }

    IOException failure() {
        return failure;
    }
}
