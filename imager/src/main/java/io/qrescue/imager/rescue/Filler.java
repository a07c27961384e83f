package io.qrescue.imager.rescue;

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
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Fill mode (ddrescue: Fillbook): writes the fill buffer over every block of the map whose status is one of the
 * fill types, inside the domain, a cluster at a time. Block statuses never change; only the run status
 * ({@code F} while filling, {@code +} at the end) and the current position are saved, so an interrupted fill
 * resumes where it stopped. Call {@link #run()} once; {@link #interrupt()} may come from any thread.
 */
public final class Filler {

    static final String FILLING_MESSAGE = "Filling blocks...";

    /**
     * What has been filled and what is left, in blocks of the fill types (ddrescue's fill status screen).
     *
     * @param currentPos the infile position of the last write
     */
    public record Progress(long filledBytes, long filledAreas, long remainingBytes, long remainingAreas,
            long currentPos) {
    }

    private final RescueOptions options;
    private final Mapfile map;
    private final Domain domain;
    private final FillBuffer buffer;
    private final OutputImage output;
    private final MapfileKeeper keeper; // null: the map is kept in memory only
    private final AtomicBoolean interruptRequested = new AtomicBoolean();
    private long filledBytes;
    private long filledAreas;
    private long remainingBytes;
    private long remainingAreas;
    private String failure = "";

    /**
     * @param prepared the map and domain from {@link ModePreparation#forFill}; its map is updated in place
     * @param fillData the first bytes of the fill file (at least one, at most a cluster are used)
     * @param mapfile  where the map is kept, or null to keep it in memory only
     */
    public Filler(RescueOptions options, ModePreparation.Prepared prepared, byte[] fillData, int fillDataLength,
            OutputImage output, MapfileTarget mapfile, TimeSource time) {
        this.options = Objects.requireNonNull(options, "options");
        this.map = prepared.map();
        this.domain = prepared.domain();
        this.buffer = FillBuffer.repeating(fillData, Math.min(fillDataLength, options.clusterBytes()),
                options.clusterBytes());
        this.output = Objects.requireNonNull(output, "output");
        this.keeper = mapfile == null ? null : mapfile.keeper(options.mapfileSaveIntervalSeconds(),
                options.mapfileSyncIntervalSeconds(), time, output::sync);
        if (map.runStatus() != RunStatus.FILLING || !domain.includes(map.currentPos())) {
            map.currentPos(0);
        }
        countInitialProgress();
    }

    /** Asks the run to stop before its next write; the map is then saved with the fill still pending. */
    public void interrupt() {
        interruptRequested.set(true);
    }

    /** The counters now; before {@link #run()} they are those read from the mapfile. */
    public Progress progress() {
        return new Progress(filledBytes, filledAreas, remainingBytes, remainingAreas, map.currentPos());
    }

    /**
     * Fills, then saves the map a last time. Exit code 1 and "Write error" for a write that fails without
     * {@code -w}; an interrupt ends with exit code 0 and {@link StopReason#INTERRUPTED}, as in a rescue.
     */
    public RescueResult run() {
        Outcome outcome = fillAreas();
        int exitCode = 0;
        if (outcome == Outcome.MAPFILE_ERROR) {
            exitCode = 1;
        } else {
            if (outcome == Outcome.DONE) {
                map.runStatus(RunStatus.FINISHED, null);
            }
            map.blocks().compact();
            if (keeper != null && !keeper.update(map, true)) {
                exitCode = 1;
            }
            if (outcome == Outcome.WRITE_ERROR) {
                exitCode = 1;
            }
        }
        List<StopReason> reasons = switch (outcome) {
            case INTERRUPTED -> List.of(StopReason.INTERRUPTED);
            case MAPFILE_ERROR -> List.of(StopReason.MAPFILE_ERROR);
            default -> List.of();
        };
        List<String> messages = reasons.stream().map(StopReason::text).toList();
        RescueResult.Subject subject = failure.isEmpty() ? RescueResult.Subject.NONE
                : RescueResult.Subject.OUTPUT_FILE;
        if (keeper != null && keeper.failure() != null) {
            return new RescueResult(exitCode, reasons, messages, keeper.failureMessage(),
                    RescueResult.Subject.MAPFILE, map, null);
        }
        return new RescueResult(exitCode, reasons, messages, failure, subject, map, null);
    }

    private enum Outcome {
        DONE, INTERRUPTED, WRITE_ERROR, MAPFILE_ERROR
    }

    private void countInitialProgress() {
        long current = map.currentPos();
        for (StatusBlock sb : map.blocks()) {
            if (!domain.includes(sb)) {
                if (domain.isBefore(sb.block())) {
                    break;
                }
                continue;
            }
            if (!options.fillTypes().contains(sb.status())) {
                continue;
            }
            if (sb.end() <= current) {
                filledAreas++;
                filledBytes += sb.size();
            } else if (sb.block().includes(current)) {
                filledBytes += current - sb.pos();
                remainingAreas++;
                remainingBytes += sb.end() - current;
            } else {
                remainingAreas++;
                remainingBytes += sb.size();
            }
        }
    }

    private Outcome fillAreas() {
        int clusterBytes = options.clusterBytes();
        int sectorSize = options.sectorSize();
        // the statuses never change during a fill, so the block list read now stays true
        for (StatusBlock sb : map.blocks().toList()) {
            if (!domain.includes(sb)) {
                if (domain.isBefore(sb.block())) {
                    break;
                }
                continue;
            }
            if (sb.end() <= map.currentPos() || !options.fillTypes().contains(sb.status())) {
                continue;
            }
            long start = sb.block().includes(map.currentPos()) ? map.currentPos() : sb.pos();
            Block b = new Block(start, clusterBytes).crop(sb.block());
            map.runStatus(RunStatus.FILLING, FILLING_MESSAGE);
            while (b.size() > 0) {
                map.currentPos(b.pos());
                if (interruptRequested.get()) {
                    return Outcome.INTERRUPTED;
                }
                if (!fillBlock(b, sb.status())) {
                    if (!options.ignoreWriteErrors()) {
                        return Outcome.WRITE_ERROR;
                    }
                    if (b.size() > sectorSize) { // retry the rest of the area a sector at a time
                        b = new Block(b.pos(), sectorSize);
                        continue;
                    }
                }
                if (keeper != null && !keeper.update(map, false)) {
                    return Outcome.MAPFILE_ERROR;
                }
                b = new Block(b.end(), b.size()).crop(sb.block());
            }
            filledAreas++;
            remainingAreas--;
        }
        return Outcome.DONE;
    }

    /** Writes the buffer's first {@code b.size()} bytes at {@code b}; false if the write (or its sync) failed. */
    private boolean fillBlock(Block b, BlockStatus status) {
        int size = (int) b.size();
        if (options.fillWritesLocation()) {
            buffer.stampLocations(b.pos(), size, options.sectorSize(), status);
        }
        try {
            output.write(b.pos() + options.outputOffset(), ByteBuffer.wrap(buffer.bytes(), 0, size));
            if (options.synchronousWrites()) {
                output.sync();
            }
        } catch (IOException e) {
            if (!options.ignoreWriteErrors()) {
                failure = e.getMessage() == null ? "Write error" : "Write error: " + e.getMessage();
            }
            return false;
        }
        filledBytes += size;
        remainingBytes -= size;
        return true;
    }
}
