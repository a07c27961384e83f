package io.qrescue.imager.rescue;

import io.qrescue.imager.device.BlockDevice;
import io.qrescue.imager.device.ReadError;
import io.qrescue.imager.device.ReadOutcome;
import io.qrescue.imager.latency.LatencyLog;
import io.qrescue.imager.latency.LatencyRecorder;
import io.qrescue.imager.latency.LatencySnapshot;
import io.qrescue.imager.output.OutputImage;
import io.qrescue.imager.pipeline.CompletedRead;
import io.qrescue.imager.pipeline.CopyPipeline;
import io.qrescue.imager.pipeline.WriteOptions;
import io.qrescue.imager.time.TimeSource;
import io.qrescue.mapfile.Block;
import io.qrescue.mapfile.BlockStatus;
import io.qrescue.mapfile.Domain;
import io.qrescue.mapfile.Mapfile;
import io.qrescue.mapfile.RunStatus;
import io.qrescue.mapfile.StatusBlock;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The state shared by the phases of one run and the read step they all use (ddrescue: the non-phase parts of
 * Rescuebook): reading a chunk, writing its data, updating the map and counters, the stop conditions, rates and
 * mapfile saves. Reads and writes go through a {@link CopyPipeline}; this class is its recorder stage. One
 * instance per run; not thread-safe except for the interrupt flag.
 */
final class RescueSession {

    /** What one read step did. */
    record Step(Flow flow, int copied, int failed) {
    }

    /**
     * The reads a phase expects after a read of {@code previous} if that read copies everything: the next chunk,
     * or null if it cannot tell. Only used to keep several reads in flight (queue depth above 1).
     */
    @FunctionalInterface
    interface Lookahead {
        Block after(Block previous);
    }

    /** A read recorded as finished whose write the writer has not confirmed yet; undone if the write fails. */
    private record UnconfirmedWrite(long sequence, int piece, Block block, BlockStatus before) {
    }

    /**
     * Largest device read at a queue depth above 1: consecutive clusters expected next are read together (a
     * healthy region reaches the device's streaming rate with fewer, larger requests).
     */
    static final int COALESCED_READ_BYTES = 1 << 20;

    final RescueOptions options;
    final Mapfile map;
    final int sectorSize;
    final int clusterBytes;
    final SkipSizes skip;
    final RateMeter rates;
    private Domain domain;
    private final BlockDevice input;
    private final OutputImage output;
    private final long outputOffset;
    private final StatusCounters counters = new StatusCounters();
    private final MapfileKeeper mapfileKeeper; // null: no mapfile
    private final RescueListener listener;
    private final TimeSource time;
    private final AtomicBoolean interruptRequested;
    private final LatencyRecorder latency;
    private final CopyPipeline pipeline;
    private final ArrayDeque<UnconfirmedWrite> unconfirmed = new ArrayDeque<>();
    private boolean writeFailureHandled;
    private int goodReadsInARow;               // speculation resumes after queueDepth good reads in a row
    private final Set<StopReason> stops = EnumSet.noneOf(StopReason.class);
    private final long maxBadAreas;
    private final byte[] verifiedSector;       // -J: copy of the last good sector read
    private long verifiedSectorPos = -1;
    private long readErrors;
    private long lastPos;
    private boolean firstPost = true;          // the next read is the first of a pass or phase
    private boolean firstRead = true;          // no status shown yet in this run
    private String message = "";
    private RescueResult.Subject messageSubject = RescueResult.Subject.NONE;

    RescueSession(RescueOptions options, MapPreparation.Prepared prepared, long inputSize, BlockDevice input,
            OutputImage output, MapfileTarget mapfile, RescueListener listener, TimeSource time,
            AtomicBoolean interruptRequested, LatencyLog latencyLog, int queueDepth) {
        this.options = options;
        this.map = prepared.map();
        this.domain = prepared.domain();
        this.sectorSize = options.sectorSize();
        this.clusterBytes = options.clusterBytes();
        this.skip = SkipSizes.of(options, inputSize);
        this.rates = new RateMeter(options, time);
        this.input = input;
        this.pipeline = CopyPipeline.start(input, output,
                new WriteOptions(options.sparse(), options.compareBeforeWrite(), options.synchronousWrites()),
                clusterBytes, queueDepth > 1 ? COALESCED_READ_BYTES : clusterBytes, queueDepth);
        this.goodReadsInARow = queueDepth;
        this.output = new DrainedOutput(output, pipeline, this::undoFailedWrites);
        this.outputOffset = options.outputOffset();
        this.mapfileKeeper = mapfile == null ? null : mapfile.keeper(options.mapfileSaveIntervalSeconds(),
                options.mapfileSyncIntervalSeconds(), time, this.output::sync);
        this.listener = listener;
        this.time = time;
        this.interruptRequested = interruptRequested;
        this.latency = new LatencyRecorder(time.epochNanos(), latencyLog);
        this.verifiedSector = options.verifyOnError() ? new byte[sectorSize] : null;
        counters.initialize(map, domain);
        this.maxBadAreas = options.newBadAreasOnly()
                ? saturatedAdd(options.maxBadAreas(), counters.badAreas()) : options.maxBadAreas();
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return sum < a ? Long.MAX_VALUE : sum;
    }

    Domain domain() {
        return domain;
    }

    long bytes(BlockStatus status) {
        return counters.bytes(status);
    }

    /** The next read is the first of a new pass or phase. */
    void startPass() {
        firstPost = true;
    }

    /**
     * Reads {@code b} (inside one map block and the domain) and records the outcome (ddrescue: copy_and_update).
     * Before reading: on the first read of a pass, sets the run status, pass and message; sets current_pos
     * ({@code b.pos()} forwards, {@code b.end()} backwards); checks the stop conditions and the interrupt flag.
     *
     * @param failStatus status of a failed part larger than a sector (non-trimmed while copying)
     */
    Step copyAndUpdate(Block b, RunStatus runStatus, int pass, String passMessage, boolean forward,
            BlockStatus failStatus) throws InterruptedException {
        return copyAndUpdate(b, runStatus, pass, passMessage, forward, failStatus, null);
    }

    /**
     * As {@link #copyAndUpdate(Block, RunStatus, int, String, boolean, BlockStatus)}; with a queue depth above 1
     * and after enough good reads in a row, {@code lookahead} (null: none) names reads to start ahead of need.
     */
    Step copyAndUpdate(Block b, RunStatus runStatus, int pass, String passMessage, boolean forward,
            BlockStatus failStatus, Lookahead lookahead) throws InterruptedException {
        if (firstPost) {
            if (!firstRead && options.pauseOnPassSeconds() > 0) {
                time.sleep(options.pauseOnPassSeconds() * 1_000_000_000L);
                rates.pausedForPass(options.pauseOnPassSeconds());
            }
            map.runStatus(runStatus, passMessage);
            map.currentPass(pass);
            latency.phaseStarted(runStatus, time.epochNanos());
            listener.phaseStarted(new PhaseEvent(runStatus, pass, passMessage, rates.elapsedSeconds(),
                    counters.bytes(BlockStatus.FINISHED), domain.inSize()));
        }
        map.currentPos(forward ? b.pos() : b.end());
        showStatus(b.pos(), false);
        if (errorsOrTimeout()) {
            return new Step(Flow.STOP, 0, 0);
        }
        if (interruptRequested.get()) {
            return new Step(Flow.INTERRUPTED, 0, 0);
        }
        if (pipeline.writeFailed()) {
            return writeFailed();
        }
        int size = (int) b.size();
        pipeline.request(b.pos(), size, this::reportDiscarded);
        if (lookahead != null && pipeline.queueDepth() > 1 && goodReadsInARow >= pipeline.queueDepth()) {
            readAhead(lookahead, forward);
        }
        CompletedRead read = pipeline.awaitHead(this::reportDiscarded);
        ReadOutcome outcome = read.outcome();
        if (read.deviceReadNanos() >= 0) { // one entry per device read, not per piece of a coalesced read
            latency.record(read.deviceReadNanos(), time.epochNanos()); // display only: -a stays rate based
        }
        int copied = outcome.copiedBytes();
        int failed = outcome.errorBytes();
        goodReadsInARow = failed == 0 && copied == size && !pipeline.fellBack() ? goodReadsInARow + 1 : 0;
        if (copied <= 0 && failed > 0) {
            if (outcome.error().isFatal()) {
                pipeline.skip();
                setMessage("Fatal error reading the input file: " + outcome.error().description(),
                        RescueResult.Subject.INPUT_FILE);
                stops.add(StopReason.FATAL_ERROR);
                return new Step(Flow.STOP, copied, failed);
            }
            if (outcome.error() == ReadError.EINVAL) {
                pipeline.skip();
                setMessage("Unaligned read error. Is sector size correct?", RescueResult.Subject.INPUT_FILE);
                stops.add(StopReason.FATAL_ERROR);
                return new Step(Flow.STOP, copied, failed);
            }
        }
        if (copied > 0) {
            confirmWrites();
            StatusBlock containing = map.blocks().blockContaining(b.pos());
            unconfirmed.addLast(new UnconfirmedWrite(pipeline.headSequence(), pipeline.headPiece(), new Block(b.pos(), copied),
                    containing == null ? BlockStatus.NON_TRIED : containing.status()));
            if (options.verifyOnError() && copied >= sectorSize && b.pos() % sectorSize == 0) {
                verifiedSectorPos = b.pos();
                read.data().get(0, verifiedSector, 0, sectorSize);
            }
            pipeline.write(b.pos() + outputOffset, copied);
        } else {
            pipeline.skip();
        }
        listener.readDone(new ReadEvent(b.pos(), size, copied, failed, outcome.error(), outcome.durationNanos()));
        if (options.verifyOnError()) {
            verifyOnError(failed);
        }
        return new Step(recordOutcome(b, copied, failed, failStatus), copied, failed);
    }

    /**
     * Fills the queue with the reads {@code lookahead} expects next. Forwards, consecutive expected reads go out
     * as one coalesced device read of up to {@link CopyPipeline#maxReadBytes()}: the engine still takes them
     * cluster by cluster, so the map records exactly the reads ddrescue makes.
     */
    private void readAhead(Lookahead lookahead, boolean forward) {
        int maxPieces = forward ? pipeline.maxPieces() : 1;
        int[] pieceSizes = new int[maxPieces];
        int pieces = 0;
        long runPos = -1;
        long runBytes = 0;
        Block last = new Block(pipeline.lastInFlightPos(), pipeline.lastInFlightEnd() - pipeline.lastInFlightPos());
        while (pipeline.inFlight() < pipeline.queueDepth()) {
            Block next = lookahead.after(last);
            if (next == null || next.size() <= 0 || next.size() > clusterBytes) {
                break;
            }
            boolean joins = pieces > 0 && pieces < maxPieces && next.pos() == last.end()
                    && runBytes + next.size() <= pipeline.maxReadBytes();
            if (pieces > 0 && !joins) {
                pipeline.prefetchRun(runPos, pieceSizes, pieces);
                pieces = 0;
                if (pipeline.inFlight() >= pipeline.queueDepth()) {
                    break;
                }
            }
            if (pieces == 0) {
                runPos = next.pos();
                runBytes = 0;
            }
            pieceSizes[pieces++] = (int) next.size();
            runBytes += next.size();
            last = next;
        }
        if (pieces > 0) {
            pipeline.prefetchRun(runPos, pieceSizes, pieces);
        }
    }

    /** Waits for the writes decided so far (at most once a second: status updates). */
    private void awaitWrites() {
        try {
            pipeline.drain();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A read made ahead of need that the engine did not ask for next: logged as made, not recorded. */
    private void reportDiscarded(CompletedRead read) {
        ReadOutcome outcome = read.outcome();
        if (read.deviceReadNanos() >= 0) {
            latency.record(read.deviceReadNanos(), time.epochNanos());
        }
        listener.readDone(new ReadEvent(read.pos(), read.size(), outcome.copiedBytes(), outcome.errorBytes(),
                outcome.error(), outcome.durationNanos()));
    }

    /** Forgets the unconfirmed writes the writer has done. */
    private void confirmWrites() {
        long failedSequence = pipeline.failedWriteSequence();
        if (failedSequence >= 0) { // written: the reads before the failed one, and its pieces before the failed one
            int failedPiece = pipeline.failedWritePiece();
            while (!unconfirmed.isEmpty() && (unconfirmed.peekFirst().sequence() < failedSequence
                    || unconfirmed.peekFirst().sequence() == failedSequence
                    && unconfirmed.peekFirst().piece() < failedPiece)) {
                unconfirmed.removeFirst();
            }
            return;
        }
        long written = pipeline.writtenSequence();
        while (!unconfirmed.isEmpty() && unconfirmed.peekFirst().sequence() <= written) {
            unconfirmed.removeFirst();
        }
    }

    /** A write failed: the reads in flight are discarded and the run stops. */
    private Step writeFailed() throws InterruptedException {
        pipeline.discardAll(this::reportDiscarded);
        undoFailedWrites();
        return new Step(Flow.STOP, 0, 0);
    }

    /**
     * After a failed write (ddrescue: "Write error", a stop), the reads whose data the writer did not write go
     * back to the status they had before, so a saved map never claims data the output does not have. The writer
     * writes nothing after a failure, so every read recorded from the failed one on is undone. Does nothing if no
     * write failed or if the failure was handled already.
     */
    private void undoFailedWrites() {
        if (!pipeline.writeFailed() || writeFailureHandled) {
            return;
        }
        writeFailureHandled = true;
        confirmWrites();
        while (!unconfirmed.isEmpty()) {
            UnconfirmedWrite undo = unconfirmed.removeLast();
            changeChunkStatus(undo.block(), undo.before());
        }
        setMessage("Write error", RescueResult.Subject.OUTPUT_FILE);
        stops.add(StopReason.FATAL_ERROR);
    }

    /**
     * Ends the pipeline's part of the run: discards the reads still in flight, waits for the writes and undoes
     * the map changes of a failed one.
     */
    void finishPipeline() {
        try {
            pipeline.discardAll(this::reportDiscarded);
            pipeline.drain();
            undoFailedWrites();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            pipeline.close();
        }
    }

    /** Map, counter and stop-condition updates after a read (second half of ddrescue's copy_and_update). */
    private Flow recordOutcome(Block b, int copied, int failed, BlockStatus failStatus) {
        Flow flow = Flow.OK;
        if ((long) copied + failed < b.size()) { // end of file
            long eof = b.pos() + copied + failed;
            if (options.completeOnly()) {
                domain = domain.crop(new Block(0, eof));
            } else if (!map.blocks().truncate(eof, false)) {
                setMessage("EOF found below the size calculated from mapfile.", RescueResult.Subject.INPUT_FILE);
                stops.add(StopReason.FATAL_ERROR);
                flow = Flow.STOP;
            }
            counters.initialize(map, domain);
        }
        if (copied > 0) {
            changeChunkStatus(new Block(b.pos(), copied), BlockStatus.FINISHED);
        }
        if (failed > 0) {
            rates.addErrorBytes(failed);
            ++readErrors;
            if (readErrors > options.maxReadErrors()) {
                stops.add(StopReason.READ_ERRORS);
                flow = Flow.STOP;
            }
            // a failed part larger than one sector still has good sectors to be found by trimming (spec 2.2)
            BlockStatus status = failed > sectorSize ? failStatus : BlockStatus.BAD_SECTOR;
            changeChunkStatus(new Block(b.pos() + copied, failed), status);
        }
        return flow;
    }

    /** -J: re-reads the last good sector after a failure (spec 2.2). */
    private void verifyOnError(int failed) throws InterruptedException {
        if (failed <= 0) {
            return;
        }
        if (verifiedSectorPos < 0) {
            setMessage("Read error found before the first good read.", RescueResult.Subject.INPUT_FILE);
            stops.add(StopReason.OTHER_ERROR);
            return;
        }
        pipeline.discardAll(this::reportDiscarded); // the re-read is the next read of the device
        ByteBuffer again = ByteBuffer.allocate(sectorSize);
        ReadOutcome outcome = input.read(verifiedSectorPos, again);
        if (outcome.copiedBytes() != sectorSize) {
            String cause = outcome.error() == ReadError.NONE ? "" : ": " + outcome.error().description();
            setMessage("Input file no longer returns data" + cause, RescueResult.Subject.INPUT_FILE);
            stops.add(StopReason.OTHER_ERROR);
        } else if (!java.util.Arrays.equals(verifiedSector, again.array())) {
            setMessage("Input file returns inconsistent data.", RescueResult.Subject.INPUT_FILE);
            stops.add(StopReason.OTHER_ERROR);
        }
    }

    /** Changes the status of {@code b} keeping the counters right (ddrescue: Rescuebook::change_chunk_status). */
    void changeChunkStatus(Block b, BlockStatus status) {
        StatusBlock containing = map.blocks().blockContaining(b.pos());
        BlockStatus old = containing == null ? status : containing.status();
        int delta = map.blocks().changeChunkStatus(b, status, domain);
        if (old != status) {
            counters.move(b.size(), old, status, delta);
        }
    }

    /**
     * Changes a block's status without touching the counters. ddrescue does this for a non-trimmed block between
     * two bad sectors, which is why such a block may be left for a later run (spec 2.5 quirk).
     */
    void changeStatusUncounted(StatusBlock sb, BlockStatus status) {
        map.blocks().changeChunkStatus(sb.block(), status, domain);
    }

    /** True if a stop condition holds; counts the bad-area limit in (ddrescue: errors_or_timeout). */
    boolean errorsOrTimeout() {
        if (counters.badAreas() > maxBadAreas) {
            stops.add(StopReason.BAD_AREAS);
        }
        if (rates.errorRateExceeded()) {
            stops.add(StopReason.ERROR_RATE);
        }
        if (rates.timeoutExpired()) {
            stops.add(StopReason.TIMEOUT);
        }
        return !stops.isEmpty();
    }

    /** Updates the rates; returns true if the last second was slow. */
    boolean updateRates(boolean force) throws InterruptedException {
        return rates.update(force, counters.bytes(BlockStatus.FINISHED));
    }

    /** Counts a slow read; false (and a stop) if there are now too many. */
    boolean countSlowRead() {
        if (rates.countSlowRead() > options.maxSlowReads()) {
            stops.add(StopReason.SLOW_READS);
            return false;
        }
        return true;
    }

    /** --pause-on-error after a failed (or slow) read. */
    void pauseOnError() throws InterruptedException {
        long nanos = options.pauseOnErrorNanos();
        if (nanos <= 0) {
            return;
        }
        if (options.simulatedPauseOnError()) {
            rates.addSimulatedPause(nanos);
        } else if (nanos >= 1_000_000_000L) {
            time.sleep(nanos / 1_000_000_000L * 1_000_000_000L); // ddrescue sleeps whole seconds only
        }
    }

    /** -O: reopens the input; false (and a stop) if that fails. */
    boolean reopenInput() throws InterruptedException {
        pipeline.discardAll(this::reportDiscarded); // no read may be in flight while the device is reopened
        if (input.reopen()) {
            return true;
        }
        setMessage("Can't reopen input file", RescueResult.Subject.INPUT_FILE);
        stops.add(StopReason.FATAL_ERROR);
        return false;
    }

    /** Saves the map if due; false if a save failed. */
    boolean updateMapfile(boolean force) {
        if (mapfileKeeper == null) {
            return true;
        }
        if (mapfileKeeper.update(map, force)) {
            if (mapfileKeeper.savedLast()) {
                awaitWrites(); // what the saved map marks finished is in the output before anyone is told
                listener.mapfileSaved(map.blocks());
            }
            return true;
        }
        setMessage(mapfileKeeper.failureMessage(), RescueResult.Subject.MAPFILE);
        return false;
    }

    /** Writes the mapfile of a new rescue before the first read; false (and the message) if that fails. */
    boolean createMapfile() {
        if (mapfileKeeper == null) {
            return true;
        }
        try {
            mapfileKeeper.create(map);
            return true;
        } catch (java.io.IOException e) {
            setMessage("Can't create mapfile: " + io.qrescue.mapfile.MapfileFiles.reason(e),
                    RescueResult.Subject.MAPFILE);
            return false;
        }
    }

    /**
     * Reports the status if the rates changed, at a pass start, or if forced (ddrescue: show_status).
     *
     * @param pos position of the read about to start, or -1
     */
    void showStatus(long pos, boolean force) {
        if (pos >= 0) {
            lastPos = pos;
        }
        if (rates.ratesUpdated() || force || firstPost) {
            awaitWrites(); // a display may show the data last read (-P) from the output
            listener.statsUpdated(stats(!force && !firstPost));
            rates.clearRatesUpdated();
            firstPost = false;
            firstRead = false;
        }
    }

    RescueStats stats(boolean timeMark) {
        return new RescueStats(rates.elapsedSeconds(), lastPos, outputOffset, domain.inSize(),
                counters.bytes(BlockStatus.NON_TRIED), counters.bytes(BlockStatus.NON_TRIMMED),
                counters.bytes(BlockStatus.NON_SCRAPED), counters.bytes(BlockStatus.BAD_SECTOR),
                counters.bytes(BlockStatus.FINISHED), counters.badAreas(), readErrors, rates.slowReads(),
                rates.currentRate(), rates.averageRate(), rates.errorRate(), rates.secondsSinceLastGoodRead(),
                timeMark, latency.current());
    }

    /** Whole-run read latencies of each phase that read anything. */
    Map<RunStatus, LatencySnapshot> phaseLatencies() {
        Map<RunStatus, LatencySnapshot> byPhase = new EnumMap<>(RunStatus.class);
        for (RunStatus phase : RunStatus.values()) {
            LatencySnapshot snapshot = latency.phase(phase);
            if (!snapshot.isEmpty()) {
                byPhase.put(phase, snapshot);
            }
        }
        return byPhase;
    }

    /** Closes the last latency interval: the run reads no more. */
    void finishLatency() {
        latency.finish(time.epochNanos());
    }

    /** -S and -x: grows the output to the end of skipped zeros or the requested size. */
    boolean extendOutput() {
        long sparseEnd = options.sparse() ? pipeline.sparseEnd() : -1;
        long minSize = Math.max(options.minOutfileSize(), sparseEnd);
        if (minSize <= 0) {
            return true;
        }
        try {
            if (minSize > output.size()) {
                output.truncate(minSize);
                output.sync();
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    Set<StopReason> stops() {
        return stops;
    }

    void setMessage(String text, RescueResult.Subject subject) {
        this.message = text;
        this.messageSubject = subject;
    }

    String message() {
        return message;
    }

    RescueResult.Subject messageSubject() {
        return messageSubject;
    }

    RescueListener listener() {
        return listener;
    }
}
