package io.qrescue.imager.rescue;

import io.qrescue.imager.device.BlockDevice;
import io.qrescue.imager.device.ReadError;
import io.qrescue.imager.device.ReadOutcome;
import io.qrescue.imager.latency.LatencyLog;
import io.qrescue.imager.latency.LatencyRecorder;
import io.qrescue.imager.output.OutputImage;
import io.qrescue.imager.time.TimeSource;
import io.qrescue.mapfile.Block;
import io.qrescue.mapfile.BlockStatus;
import io.qrescue.mapfile.Domain;
import io.qrescue.mapfile.Mapfile;
import io.qrescue.mapfile.RunStatus;
import io.qrescue.mapfile.StatusBlock;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The state shared by the phases of one run and the read step they all use (ddrescue: the non-phase parts of
 * Rescuebook): reading a chunk, writing its data, updating the map and counters, the stop conditions, rates and
 * mapfile saves. One instance per run; not thread-safe except for the interrupt flag.
 */
final class RescueSession {

    /** What one read step did. */
    record Step(Flow flow, int copied, int failed) {
    }

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
    private final MapfileUpdater mapfileUpdater; // null: no mapfile
    private final RescueListener listener;
    private final TimeSource time;
    private final AtomicBoolean interruptRequested;
    private final LatencyRecorder latency;
    private final ByteBuffer buffer;
    private final ByteBuffer compareBuffer;
    private final Set<StopReason> stops = EnumSet.noneOf(StopReason.class);
    private final long maxBadAreas;
    private final byte[] verifiedSector;       // -J: copy of the last good sector read
    private long verifiedSectorPos = -1;
    private long sparseEnd;                    // -S: end of the highest zero block not written; -1 without -S
    private long readErrors;
    private long lastPos;
    private boolean firstPost = true;          // the next read is the first of a pass or phase
    private boolean firstRead = true;          // no status shown yet in this run
    private String message = "";
    private RescueResult.Subject messageSubject = RescueResult.Subject.NONE;

    RescueSession(RescueOptions options, MapPreparation.Prepared prepared, long inputSize, BlockDevice input,
            OutputImage output, MapfileSaver saver, RescueListener listener, TimeSource time,
            AtomicBoolean interruptRequested, LatencyLog latencyLog) {
        this.options = options;
        this.map = prepared.map();
        this.domain = prepared.domain();
        this.sectorSize = options.sectorSize();
        this.clusterBytes = options.clusterBytes();
        this.skip = SkipSizes.of(options, inputSize);
        this.rates = new RateMeter(options, time);
        this.input = input;
        this.output = output;
        this.outputOffset = options.outputOffset();
        this.mapfileUpdater = saver == null ? null : new MapfileUpdater(saver, output, time,
                options.mapfileSaveIntervalSeconds(), options.mapfileSyncIntervalSeconds());
        this.listener = listener;
        this.time = time;
        this.interruptRequested = interruptRequested;
        this.latency = new LatencyRecorder(time.epochNanos(), latencyLog);
        this.buffer = ByteBuffer.allocate(clusterBytes);
        this.compareBuffer = options.compareBeforeWrite() ? ByteBuffer.allocate(clusterBytes) : null;
        this.verifiedSector = options.verifyOnError() ? new byte[sectorSize] : null;
        this.sparseEnd = options.sparse() ? 0 : -1;
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
        int size = (int) b.size();
        buffer.clear().limit(size);
        ReadOutcome outcome = input.read(b.pos(), buffer);
        latency.record(outcome.durationNanos(), time.epochNanos()); // display only: -a stays rate based
        int copied = outcome.copiedBytes();
        int failed = outcome.errorBytes();
        if (copied <= 0 && failed > 0) {
            if (outcome.error().isFatal()) {
                setMessage("Fatal error reading the input file: " + outcome.error().description(),
                        RescueResult.Subject.INPUT_FILE);
                stops.add(StopReason.FATAL_ERROR);
                return new Step(Flow.STOP, copied, failed);
            }
            if (outcome.error() == ReadError.EINVAL) {
                setMessage("Unaligned read error. Is sector size correct?", RescueResult.Subject.INPUT_FILE);
                stops.add(StopReason.FATAL_ERROR);
                return new Step(Flow.STOP, copied, failed);
            }
        }
        if (copied > 0 && !writeOutput(b.pos(), copied)) {
            stops.add(StopReason.FATAL_ERROR);
            return new Step(Flow.STOP, copied, failed);
        }
        listener.readDone(new ReadEvent(b.pos(), size, copied, failed, outcome.error(), outcome.durationNanos()));
        if (options.verifyOnError()) {
            verifyOnError(b, copied, failed);
        }
        return new Step(recordOutcome(b, copied, failed, failStatus), copied, failed);
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

    /** Writes the first {@code copied} bytes of the buffer at {@code pos + offset}; false on a write error. */
    private boolean writeOutput(long pos, int copied) {
        long outPos = pos + outputOffset;
        buffer.flip();
        try {
            if (sparseEnd >= 0 && isZero(buffer, copied)) {
                sparseEnd = Math.max(sparseEnd, outPos + copied);
                return true;
            }
            if (compareBuffer != null) {
                compareBuffer.clear().limit(copied);
                if (output.read(outPos, compareBuffer) == copied && compareBuffer.flip().equals(buffer)) {
                    return true;
                }
            }
            output.write(outPos, buffer);
            if (options.synchronousWrites()) {
                output.sync();
            }
            return true;
        } catch (IOException e) {
            setMessage("Write error", RescueResult.Subject.OUTPUT_FILE);
            return false;
        }
    }

    private static boolean isZero(ByteBuffer data, int size) {
        for (int i = 0; i < size; i++) {
            if (data.get(i) != 0) {
                return false;
            }
        }
        return true;
    }

    /** -J: remembers the last good sector and re-reads it after a failure (spec 2.2). */
    private void verifyOnError(Block b, int copied, int failed) {
        if (copied >= sectorSize && b.pos() % sectorSize == 0) {
            verifiedSectorPos = b.pos();
            buffer.get(0, verifiedSector, 0, sectorSize);
        }
        if (failed <= 0) {
            return;
        }
        if (verifiedSectorPos < 0) {
            setMessage("Read error found before the first good read.", RescueResult.Subject.INPUT_FILE);
            stops.add(StopReason.OTHER_ERROR);
            return;
        }
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
    boolean reopenInput() {
        if (input.reopen()) {
            return true;
        }
        setMessage("Can't reopen input file", RescueResult.Subject.INPUT_FILE);
        stops.add(StopReason.FATAL_ERROR);
        return false;
    }

    /** Saves the map if due; false if a save failed. */
    boolean updateMapfile(boolean force) {
        return mapfileUpdater == null || mapfileUpdater.update(map, force);
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

    /** Closes the last latency interval: the run reads no more. */
    void finishLatency() {
        latency.finish(time.epochNanos());
    }

    /** -S and -x: grows the output to the end of skipped zeros or the requested size. */
    boolean extendOutput() {
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

    void addStop(StopReason reason) {
        stops.add(reason);
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
