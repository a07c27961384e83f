package io.qrescue.imager.pipeline;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.BatchEventProcessor;
import com.lmax.disruptor.BatchEventProcessorBuilder;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.TimeoutException;
import io.qrescue.imager.device.BlockDevice;
import io.qrescue.imager.output.OutputImage;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The copy pipeline of one rescue (see the package description): the engine asks for reads with
 * {@link #request} and {@link #prefetch}, takes them in order with {@link #awaitHead}, and decides each with
 * {@link #write} or {@link #skip}; a writer thread writes decided reads behind it. Reads the engine asks for
 * next are used; any other read in flight is discarded. Only the engine thread calls it.
 */
public final class CopyPipeline implements AutoCloseable {

    /** One read asked for and not decided yet. */
    private record InFlight(long sequence, long pos, int size, boolean speculative) {
    }

    private final int queueDepth;
    private final RingBuffer<ReadSlot> ring;
    private final StageWaitStrategy waits = new StageWaitStrategy();
    private final List<BatchEventProcessor<ReadSlot>> processors = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final SequenceBarrier readsDone;
    private final Sequence decided = new Sequence();
    private final SequenceBarrier writesDone;
    private final SlotWriter writer;
    private final Sequence written;
    private final ArrayDeque<InFlight> inFlight = new ArrayDeque<>();
    private long speculativeReads;
    private long discardedReads;

    private CopyPipeline(BlockDevice input, OutputImage output, WriteOptions writeOptions, int slotBytes,
            int queueDepth) {
        this.queueDepth = queueDepth;
        // one ring slot more than the reads in flight, and at least as many again for the writer to work on
        int slots = Integer.highestOneBit(Math.max(2, queueDepth) * 2 - 1) << 1;
        this.ring = RingBuffer.createSingleProducer(() -> new ReadSlot(slotBytes), slots, waits);
        SequenceBarrier published = ring.newBarrier();
        Sequence[] readerSequences = new Sequence[queueDepth];
        for (int i = 0; i < queueDepth; i++) {
            BatchEventProcessor<ReadSlot> reader = new BatchEventProcessorBuilder().build(ring, published,
                    new SlotReader(input, i, queueDepth, waits));
            readerSequences[i] = reader.getSequence();
            processors.add(reader);
        }
        this.readsDone = ring.newBarrier(readerSequences);
        this.writer = new SlotWriter(output, writeOptions, waits);
        BatchEventProcessor<ReadSlot> writing = new BatchEventProcessorBuilder().build(ring, ring.newBarrier(decided),
                writer);
        processors.add(writing);
        ring.addGatingSequences(writing.getSequence());
        this.writesDone = ring.newBarrier(writing.getSequence());
        this.written = writing.getSequence();
        for (int i = 0; i < processors.size(); i++) {
            String name = i < queueDepth ? "qrescue-reader-" + i : "qrescue-writer";
            Thread t = new Thread(processors.get(i), name);
            t.setDaemon(true); // a reader stuck in the kernel must not keep the JVM alive
            threads.add(t);
            t.start();
        }
    }

    /**
     * Starts the threads of a pipeline that reads {@code input} in reads of at most {@code slotBytes}, with up to
     * {@code queueDepth} reads in flight, and writes to {@code output}.
     */
    public static CopyPipeline start(BlockDevice input, OutputImage output, WriteOptions writeOptions,
            int slotBytes, int queueDepth) {
        if (queueDepth < 1 || slotBytes < 1) {
            throw new IllegalArgumentException("queue depth and slot size must be positive");
        }
        return new CopyPipeline(input, output, writeOptions, slotBytes, queueDepth);
    }

    public int queueDepth() {
        return queueDepth;
    }

    /** Reads asked for and not decided yet. */
    public int inFlight() {
        return inFlight.size();
    }

    /** End of the last read in flight ({@code pos + size}), or -1 if none. */
    public long lastInFlightEnd() {
        return inFlight.isEmpty() ? -1 : inFlight.peekLast().pos() + inFlight.peekLast().size();
    }

    /** Start of the last read in flight, or -1 if none. */
    public long lastInFlightPos() {
        return inFlight.isEmpty() ? -1 : inFlight.peekLast().pos();
    }

    /**
     * Makes the read of {@code [pos, pos + size)} the next one {@link #awaitHead} returns: the oldest read in
     * flight if it is that one, else every read in flight is discarded (waited for and handed to
     * {@code discarded}) and the read is issued.
     */
    public void request(long pos, int size, Consumer<CompletedRead> discarded) throws InterruptedException {
        InFlight head = inFlight.peekFirst();
        if (head != null && head.pos() == pos && head.size() == size) {
            return;
        }
        discardAll(discarded);
        issue(pos, size, false);
    }

    /** Issues a speculative read behind the ones in flight; false (nothing issued) if the queue is full. */
    public boolean prefetch(long pos, int size) {
        if (inFlight.size() >= queueDepth) {
            return false;
        }
        issue(pos, size, true);
        ++speculativeReads;
        return true;
    }

    private void issue(long pos, int size, boolean speculative) {
        long sequence = ring.next(); // waits while the writer is a whole ring behind
        ring.get(sequence).request(pos, size);
        ring.publish(sequence);
        inFlight.addLast(new InFlight(sequence, pos, size, speculative));
    }

    /** Waits for the oldest read in flight to finish and returns it; the engine must then decide it. */
    public CompletedRead awaitHead() throws InterruptedException {
        InFlight head = inFlight.peekFirst();
        if (head == null) {
            throw new IllegalStateException("no read in flight");
        }
        await(readsDone, head.sequence());
        ReadSlot slot = ring.get(head.sequence());
        if (slot.failure != null) {
            RuntimeException failure = slot.failure;
            skip();
            throw failure;
        }
        return new CompletedRead(head.pos(), head.size(), slot.outcome,
                slot.buffer.asReadOnlyBuffer().clear().limit(slot.outcome.copiedBytes()), head.speculative());
    }

    /** Decides the oldest read: the writer writes its first {@code bytes} bytes at {@code outPos}. */
    public void write(long outPos, int bytes) {
        ReadSlot slot = ring.get(inFlight.peekFirst().sequence());
        slot.write = bytes > 0;
        slot.outPos = outPos;
        slot.writeBytes = bytes;
        decide();
    }

    /** Decides the oldest read: nothing is written. */
    public void skip() {
        ring.get(inFlight.peekFirst().sequence()).write = false;
        decide();
    }

    private void decide() {
        decided.set(inFlight.removeFirst().sequence());
        waits.signalAllWhenBlocking();
    }

    /** Waits for every read in flight, hands each to {@code discarded} and writes none of them. */
    public void discardAll(Consumer<CompletedRead> discarded) throws InterruptedException {
        while (!inFlight.isEmpty()) {
            CompletedRead read;
            try {
                read = awaitHead();
            } catch (RuntimeException e) {
                continue; // the device threw on a read nobody needs: it was skipped
            }
            skip();
            ++discardedReads;
            discarded.accept(read);
        }
    }

    /**
     * Waits until every decided write is done; returns the first write failure, or null. After a failure
     * nothing more is written.
     */
    public IOException drain() throws InterruptedException {
        await(writesDone, decided.get());
        return writer.failure();
    }

    /** True if a write has failed (without waiting for the writer). */
    public boolean writeFailed() {
        return writer.failedSequence() >= 0;
    }

    /** Sequence number of the first failed write, or -1 if no write failed. */
    public long failedWriteSequence() {
        return writer.failedSequence();
    }

    /** The last sequence number the writer has passed (written, skipped or, after a failure, left out). */
    public long writtenSequence() {
        return written.get();
    }

    /** Sequence number of the oldest read in flight (for matching write failures). */
    public long headSequence() {
        return inFlight.isEmpty() ? -1 : inFlight.peekFirst().sequence();
    }

    /** -S: the end of the highest block of zeros not written (valid after {@link #drain}). */
    public long sparseEnd() {
        return writer.sparseEnd();
    }

    /** Speculative reads issued so far. */
    public long speculativeReads() {
        return speculativeReads;
    }

    /** Reads discarded so far (speculative reads the engine did not ask for next). */
    public long discardedReads() {
        return discardedReads;
    }

    private static void await(SequenceBarrier barrier, long sequence) throws InterruptedException {
        try {
            barrier.waitFor(sequence);
        } catch (AlertException | TimeoutException e) {
            throw new IllegalStateException("copy pipeline stopped", e);
        }
    }

    /**
     * Stops the threads after the writes decided so far. Reads in flight are not waited for: a reader stuck in
     * the kernel stays behind as a daemon thread.
     */
    @Override
    public void close() {
        try {
            drain();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (BatchEventProcessor<ReadSlot> p : processors) {
            p.halt();
        }
        for (int i = queueDepth; i < threads.size(); i++) {
            try {
                threads.get(i).join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
