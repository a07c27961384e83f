package io.qrescue.imager.pipeline;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.Sequence;
import io.qrescue.imager.device.BlockDevice;
import io.qrescue.imager.device.ReadOutcome;

/**
 * One of the pipeline's reader threads: reads the slots whose sequence modulo the reader count is its number,
 * into the slot's own buffer. It announces progress slot by slot (not per batch), so the engine sees a read as
 * soon as it and all reads before it are done.
 */
final class SlotReader implements EventHandler<ReadSlot> {

    private final BlockDevice input;
    private final int number;
    private final int readers;
    private final StageWaitStrategy waits;
    private Sequence progress;

    SlotReader(BlockDevice input, int number, int readers, StageWaitStrategy waits) {
        this.input = input;
        this.number = number;
        this.readers = readers;
        this.waits = waits;
    }

    @Override
    public void setSequenceCallback(Sequence sequenceCallback) {
        this.progress = sequenceCallback;
    }

    @Override
    public void onEvent(ReadSlot slot, long sequence, boolean endOfBatch) {
        if (sequence % readers != number) {
            if (endOfBatch) { // nothing of ours before the end of the batch: say so, others may wait on us
                advance(sequence);
            }
            return;
        }
        advance(sequence - 1); // the slots before this one are not ours, or done
        try {
            slot.buffer.clear().limit(slot.size);
            slot.outcome = input.read(slot.pos, slot.buffer);
        } catch (RuntimeException e) {
            slot.failure = e;
            slot.outcome = ReadOutcome.copied(0, 0);
        }
        advance(sequence);
    }

    private void advance(long sequence) {
        if (progress.get() < sequence) {
            progress.set(sequence);
            waits.signalAllWhenBlocking();
        }
    }
}
