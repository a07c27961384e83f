package io.qrescue.imager.pipeline;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.BatchEventProcessor;
import com.lmax.disruptor.BatchEventProcessorBuilder;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.TimeoutException;
import io.qrescue.imager.device.BlockDevice;
import io.qrescue.imager.device.ReadOutcome;
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

    /** One device read asked for and not wholly decided yet; {@code next} is its first undecided piece. */
    private static final class InFlight {
        final long sequence;
        final long pos;
        final int[] pieceSizes;
        final int pieces;
        final boolean speculative;
        int next;
        long nextPos;

        InFlight(long sequence, long pos, int[] pieceSizes, int pieces, boolean speculative) {
            this.sequence = sequence;
            this.pos = pos;
            this.pieceSizes = pieceSizes;
            this.pieces = pieces;
            this.speculative = speculative;
            this.nextPos = pos;
        }

        long lastPiecePos() {
            long p = pos;
            for (int i = 0; i < pieces - 1; i++) {
                p += pieceSizes[i];
            }
            return p;
        }

        long end() {
            return lastPiecePos() + pieceSizes[pieces - 1];
        }
    }

    private final int queueDepth;
    private final int maxPieces;
    private final int maxReadBytes;
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
    private boolean fellBack;

    private CopyPipeline(BlockDevice input, OutputImage output, WriteOptions writeOptions, int clusterBytes,
            int maxReadBytes, int queueDepth) {
        this.queueDepth = queueDepth;
        this.maxReadBytes = Math.max(clusterBytes, maxReadBytes);
        this.maxPieces = Math.max(1, this.maxReadBytes / clusterBytes);
        // one ring slot more than the reads in flight, and at least as many again for the writer to work on
        int slots = Integer.highestOneBit(Math.max(2, queueDepth) * 2 - 1) << 1;
        this.ring = RingBuffer.createSingleProducer(() -> new ReadSlot(this.maxReadBytes, maxPieces), slots, waits);
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
        return start(input, output, writeOptions, slotBytes, slotBytes, queueDepth);
    }

    /**
     * As {@link #start(BlockDevice, OutputImage, WriteOptions, int, int)}; speculative reads of several consecutive
     * clusters may be coalesced into one device read of up to {@code maxReadBytes} (see {@link #prefetchRun}).
     */
    public static CopyPipeline start(BlockDevice input, OutputImage output, WriteOptions writeOptions,
            int clusterBytes, int maxReadBytes, int queueDepth) {
        if (queueDepth < 1 || clusterBytes < 1) {
            throw new IllegalArgumentException("queue depth and slot size must be positive");
        }
        return new CopyPipeline(input, output, writeOptions, clusterBytes, maxReadBytes, queueDepth);
    }

    public int queueDepth() {
        return queueDepth;
    }

    /** Most pieces (cluster reads) one coalesced read may cover; 1: no coalescing. */
    public int maxPieces() {
        return maxPieces;
    }

    /** Largest device read: the bytes of a coalesced read. */
    public int maxReadBytes() {
        return maxReadBytes;
    }

    /** Device reads asked for and not wholly decided yet. */
    public int inFlight() {
        return inFlight.size();
    }

    /** End of the last piece in flight ({@code pos + size}), or -1 if none. */
    public long lastInFlightEnd() {
        return inFlight.isEmpty() ? -1 : inFlight.peekLast().end();
    }

    /** Start of the last piece in flight, or -1 if none. */
    public long lastInFlightPos() {
        return inFlight.isEmpty() ? -1 : inFlight.peekLast().lastPiecePos();
    }

    /**
     * Makes the read of {@code [pos, pos + size)} the next one {@link #awaitHead} returns: the oldest undecided
     * piece in flight if it is that one, else every read in flight is discarded (waited for and handed to
     * {@code discarded}) and the read is issued.
     */
    public void request(long pos, int size, Consumer<CompletedRead> discarded) throws InterruptedException {
        InFlight head = inFlight.peekFirst();
        if (head != null && head.nextPos == pos && head.pieceSizes[head.next] == size) {
            return;
        }
        discardAll(discarded);
        issue(pos, new int[] {size}, 1, false);
    }

    /**
     * Issues one speculative device read of the {@code count} consecutive pieces starting at {@code pos} (the
     * cluster reads the engine expects next, at most {@link #maxPieces()} and {@link #maxReadBytes()} in all);
     * {@link #awaitHead} hands them out piece by piece. False (nothing issued) if the queue is full.
     */
    public boolean prefetchRun(long pos, int[] pieceSizes, int count) {
        if (inFlight.size() >= queueDepth) {
            return false;
        }
        long total = 0;
        for (int i = 0; i < count; i++) {
            total += pieceSizes[i];
        }
        if (count < 1 || count > maxPieces || total > maxReadBytes) {
            throw new IllegalArgumentException("read of " + count + " pieces, " + total + " bytes: too large");
        }
        issue(pos, pieceSizes.clone(), count, true);
        return true;
    }

    private void issue(long pos, int[] pieceSizes, int count, boolean speculative) {
        long sequence = ring.next(); // waits while the writer is a whole ring behind
        ring.get(sequence).request(pos, pieceSizes, count);
        ring.publish(sequence);
        inFlight.addLast(new InFlight(sequence, pos, pieceSizes, count, speculative));
    }

    /**
     * Waits for the oldest undecided piece in flight and returns it; the engine must then decide it. A coalesced
     * read that did not copy all its bytes is not used: it is handed to {@code discarded} as one read, every read
     * behind it is discarded too, and the piece is read again on its own (see {@link #fellBack}).
     */
    public CompletedRead awaitHead(Consumer<CompletedRead> discarded) throws InterruptedException {
        fellBack = false;
        while (true) {
            InFlight head = inFlight.peekFirst();
            if (head == null) {
                throw new IllegalStateException("no read in flight");
            }
            await(readsDone, head.sequence);
            ReadSlot slot = ring.get(head.sequence);
            if (slot.failure != null) {
                RuntimeException failure = slot.failure;
                skipRest();
                throw failure;
            }
            if (head.pieces > 1 && slot.outcome.copiedBytes() < slot.size) {
                long pos = head.nextPos;
                int size = head.pieceSizes[head.next];
                discardHead(head, slot, discarded);
                discardAll(discarded);
                issue(pos, new int[] {size}, 1, false);
                fellBack = true;
                continue;
            }
            return piece(head, slot);
        }
    }

    /** True if the last {@link #awaitHead} discarded a failed coalesced read and read the piece on its own. */
    public boolean fellBack() {
        return fellBack;
    }

    private CompletedRead piece(InFlight head, ReadSlot slot) {
        if (head.pieces == 1) {
            return new CompletedRead(head.pos, slot.size, slot.outcome,
                    slot.buffer.asReadOnlyBuffer().clear().limit(slot.outcome.copiedBytes()), head.speculative,
                    slot.outcome.durationNanos());
        }
        int i = head.next;
        int offset = slot.pieceOffset[i];
        int size = slot.pieceSize[i];
        long deviceNanos = slot.outcome.durationNanos();
        // the device read took deviceNanos for all pieces: each piece gets its share, the first the whole read
        ReadOutcome share = ReadOutcome.copied(size, deviceNanos / head.pieces);
        return new CompletedRead(head.nextPos, size, share,
                slot.buffer.asReadOnlyBuffer().clear().position(offset).limit(offset + size).slice(),
                head.speculative, i == 0 ? deviceNanos : -1);
    }

    /** Decides the oldest piece: the writer writes its first {@code bytes} bytes at {@code outPos}. */
    public void write(long outPos, int bytes) {
        InFlight head = inFlight.peekFirst();
        ReadSlot slot = ring.get(head.sequence);
        int i = head.next;
        slot.write[i] = bytes > 0;
        slot.outPos[i] = outPos;
        slot.writeBytes[i] = bytes;
        advance(head);
    }

    /** Decides the oldest piece: nothing is written. */
    public void skip() {
        InFlight head = inFlight.peekFirst();
        ring.get(head.sequence).write[head.next] = false;
        advance(head);
    }

    private void advance(InFlight head) {
        head.nextPos += head.pieceSizes[head.next];
        if (++head.next == head.pieces) {
            decide();
        }
    }

    /** Decides every undecided piece of the oldest read: nothing more of it is written. */
    private void skipRest() {
        InFlight head = inFlight.peekFirst();
        ReadSlot slot = ring.get(head.sequence);
        for (int i = head.next; i < head.pieces; i++) {
            slot.write[i] = false;
        }
        decide();
    }

    private void decide() {
        decided.set(inFlight.removeFirst().sequence);
        waits.signalAllWhenBlocking();
    }

    /** Discards the whole undecided head read, which failed, as one read. */
    private void discardHead(InFlight head, ReadSlot slot, Consumer<CompletedRead> discarded) {
        CompletedRead whole = new CompletedRead(head.pos, slot.size, slot.outcome,
                slot.buffer.asReadOnlyBuffer().clear().limit(slot.outcome.copiedBytes()), head.speculative,
                slot.outcome.durationNanos());
        skipRest();
        discarded.accept(whole);
    }

    /**
     * Waits for every read in flight, hands each to {@code discarded} and writes none of them: a failed coalesced
     * read as one read, the undecided pieces of a good one piece by piece.
     */
    public void discardAll(Consumer<CompletedRead> discarded) throws InterruptedException {
        while (!inFlight.isEmpty()) {
            InFlight head = inFlight.peekFirst();
            await(readsDone, head.sequence);
            ReadSlot slot = ring.get(head.sequence);
            if (slot.failure != null) {
                skipRest(); // the device threw on a read nobody needs
                continue;
            }
            if (head.pieces == 1 || (head.next == 0 && slot.outcome.copiedBytes() < slot.size)) {
                discardHead(head, slot, discarded);
                continue;
            }
            while (inFlight.peekFirst() == head) {
                CompletedRead read = piece(head, slot);
                skip();
                discarded.accept(read);
            }
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

    /** Piece (of the read {@link #failedWriteSequence()}) whose write failed; the pieces before it were written. */
    public int failedWritePiece() {
        return writer.failedPiece();
    }

    /** Index of the oldest undecided piece of the oldest read in flight. */
    public int headPiece() {
        return inFlight.isEmpty() ? -1 : inFlight.peekFirst().next;
    }

    /** The last sequence number the writer has passed (written, skipped or, after a failure, left out). */
    public long writtenSequence() {
        return written.get();
    }

    /** Sequence number of the oldest read in flight (for matching write failures). */
    public long headSequence() {
        return inFlight.isEmpty() ? -1 : inFlight.peekFirst().sequence;
    }

    /** -S: the end of the highest block of zeros not written (valid after {@link #drain}). */
    public long sparseEnd() {
        return writer.sparseEnd();
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
