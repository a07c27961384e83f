package io.qrescue.imager.rescue;

import io.qrescue.imager.device.BlockDevice;
import io.qrescue.imager.device.ReadOutcome;
import io.qrescue.imager.time.TimeSource;
import io.qrescue.mapfile.Block;
import io.qrescue.mapfile.BlockStatus;
import io.qrescue.mapfile.Domain;
import io.qrescue.mapfile.Mapfile;
import io.qrescue.mapfile.RunStatus;
import io.qrescue.mapfile.StatusBlock;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Generate mode (ddrescue: Genbook): rebuilds an approximate mapfile from a partial copy. Each non-tried block of
 * the domain is read from the outfile a cluster at a time; every sector (counted from the start of the read) that
 * holds a non-zero byte becomes finished, all-zero sectors stay non-tried. The end of the outfile cuts the map
 * there, unless finished blocks lie beyond. Saved with run status {@code G} while running, {@code +} at the end.
 */
public final class Generator {

    static final String GENERATING_MESSAGE = "Generating mapfile...";

    /**
     * Sizes found so far (ddrescue's generate status screen).
     *
     * @param rescuedBytes   bytes marked finished
     * @param generatedBytes bytes examined (not non-tried)
     * @param currentPos     infile position of the last read
     */
    public record Progress(long rescuedBytes, long generatedBytes, long currentPos) {
    }

    private final Mapfile map;
    private final Domain domain;
    private final BlockDevice partialCopy;
    private final int sectorSize;
    private final int clusterBytes;
    private final long outputOffset;
    private final MapfileKeeper keeper; // null: the map is kept in memory only
    private final AtomicBoolean interruptRequested = new AtomicBoolean();
    private long rescuedBytes;
    private long generatedBytes;

    /**
     * @param prepared     the map and domain from {@link ModePreparation#forGenerate}; its map is updated in place
     * @param partialCopy  the outfile, read only
     * @param outputOffset outfile position minus infile position
     * @param mapfile      where the map is kept, or null to keep it in memory only
     */
    public Generator(ModePreparation.Prepared prepared, BlockDevice partialCopy, int sectorSize,
            int clusterSectors, long outputOffset, MapfileTarget mapfile, int saveIntervalSeconds,
            int syncIntervalSeconds, TimeSource time) {
        this.map = prepared.map();
        this.domain = prepared.domain();
        this.partialCopy = Objects.requireNonNull(partialCopy, "partialCopy");
        this.sectorSize = sectorSize;
        this.clusterBytes = sectorSize * clusterSectors;
        this.outputOffset = outputOffset;
        this.keeper = mapfile == null ? null : mapfile.keeper(saveIntervalSeconds, syncIntervalSeconds, time,
                io.qrescue.mapfile.MapfileSaver.OutputSync.NONE); // generate mode writes nothing to sync
        for (StatusBlock sb : map.blocks()) {
            if (!domain.includes(sb)) {
                if (domain.isBefore(sb.block())) {
                    break;
                }
                continue;
            }
            if (sb.status() == BlockStatus.FINISHED) {
                rescuedBytes += sb.size();
            }
            if (sb.status() != BlockStatus.NON_TRIED) {
                generatedBytes += sb.size();
            }
        }
    }

    /**
     * True if generate mode may work on this map: it is blank (all non-tried) or an interrupted generate run.
     * ddrescue refuses any other existing mapfile ("Mapfile alredy exists and is not empty.").
     */
    public static boolean accepts(Mapfile map) {
        return map.blocks().isBlank() || map.runStatus() == RunStatus.GENERATING;
    }

    /** Asks the run to stop before its next read; the map is then saved and can be resumed. */
    public void interrupt() {
        interruptRequested.set(true);
    }

    public Progress progress() {
        return new Progress(rescuedBytes, generatedBytes, map.currentPos());
    }

    /**
     * Examines the outfile, then saves the map a last time. Exit code 1 if the outfile ends before finished
     * blocks of the map ("EOF found below the size calculated from mapfile.", about the infile as ddrescue
     * says) or if the mapfile cannot be written.
     */
    public RescueResult run() {
        String failure = "";
        Outcome outcome = examine();
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
            if (outcome == Outcome.EOF_BEFORE_MAP_END) {
                exitCode = 1;
                failure = "EOF found below the size calculated from mapfile.";
            }
        }
        List<StopReason> reasons = switch (outcome) {
            case INTERRUPTED -> List.of(StopReason.INTERRUPTED);
            case MAPFILE_ERROR -> List.of(StopReason.MAPFILE_ERROR);
            default -> List.of();
        };
        RescueResult.Subject subject = failure.isEmpty() ? RescueResult.Subject.NONE
                : RescueResult.Subject.INPUT_FILE;
        if (keeper != null && keeper.failure() != null) {
            failure = keeper.failureMessage();
            subject = RescueResult.Subject.MAPFILE;
        }
        return new RescueResult(exitCode, reasons, reasons.stream().map(StopReason::text).toList(), failure,
                subject, map, null);
    }

    private enum Outcome {
        DONE, INTERRUPTED, EOF_BEFORE_MAP_END, MAPFILE_ERROR
    }

    private Outcome examine() {
        long pos = outputOffset >= 0 ? 0 : -outputOffset;
        long resumePos = map.currentPos();
        if (map.runStatus() == RunStatus.GENERATING && domain.includes(resumePos)
                && (outputOffset >= 0 || resumePos >= -outputOffset)) {
            pos = resumePos;
        }
        ByteBuffer data = ByteBuffer.allocate(clusterBytes);
        while (pos >= 0) {
            Block b = ChunkFinder.forward(map.blocks(), new Block(pos, clusterBytes), BlockStatus.NON_TRIED, domain,
                    sectorSize, false).chunk();
            if (b.size() <= 0) {
                break;
            }
            pos = b.end();
            map.runStatus(RunStatus.GENERATING, GENERATING_MESSAGE);
            map.currentPos(b.pos());
            if (interruptRequested.get()) {
                return Outcome.INTERRUPTED;
            }
            data.clear().limit((int) b.size());
            ReadOutcome read = partialCopy.read(b.pos() + outputOffset, data);
            markWrittenSectors(b, data, read.copiedBytes());
            long examinedEnd = b.pos() + read.copiedBytes() + read.errorBytes();
            if (examinedEnd < b.end() && !map.blocks().truncate(examinedEnd, false)) {
                return Outcome.EOF_BEFORE_MAP_END;
            }
            if (keeper != null && !keeper.update(map, false)) {
                return Outcome.MAPFILE_ERROR;
            }
        }
        return Outcome.DONE;
    }

    /** Sectors are counted from the start of the read, as ddrescue does, not from position 0. */
    private void markWrittenSectors(Block b, ByteBuffer data, int copied) {
        for (int at = 0; at < copied; at += sectorSize) {
            int size = Math.min(sectorSize, copied - at);
            if (!isZero(data, at, size)) {
                map.blocks().changeChunkStatus(new Block(b.pos() + at, size), BlockStatus.FINISHED, domain);
                rescuedBytes += size;
            }
            generatedBytes += size;
        }
    }

    private static boolean isZero(ByteBuffer data, int from, int size) {
        for (int i = from; i < from + size; i++) {
            if (data.get(i) != 0) {
                return false;
            }
        }
        return true;
    }
}
