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
        if (slot.write && failedSequence < 0) {
            try {
                write(slot);
            } catch (IOException | RuntimeException e) {
                failure = e instanceof IOException io ? io : new IOException(e);
                failedSequence = sequence;
            }
        }
        progress.set(sequence);
        waits.signalAllWhenBlocking();
    }

    private void write(ReadSlot slot) throws IOException {
        ByteBuffer data = slot.buffer.duplicate().clear().limit(slot.writeBytes);
        if (options.sparse() && isZero(data)) {
            sparseEnd = Math.max(sparseEnd, slot.outPos + slot.writeBytes);
            return;
        }
        if (options.compareFirst()) {
            if (compare == null || compare.capacity() < slot.writeBytes) {
                compare = ByteBuffer.allocate(slot.buffer.capacity());
            }
            compare.clear().limit(slot.writeBytes);
            if (output.read(slot.outPos, compare) == slot.writeBytes && compare.flip().equals(data)) {
                return;
            }
        }
        output.write(slot.outPos, data);
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

    long failedSequence() {
        return failedSequence;
    }

    IOException failure() {
        return failure;
    }
}
