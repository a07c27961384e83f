package io.qrescue.recovery.pipeline;

import io.qrescue.mapfile.BlockMap;
import io.qrescue.mapfile.BlockStatus;
import io.qrescue.mapfile.StatusBlock;
import io.qrescue.recovery.analysis.MetadataRegion;
import io.qrescue.recovery.analysis.MetadataRegions;
import io.qrescue.recovery.analysis.PoolAnalysis;
import io.qrescue.recovery.analysis.StackAnalysis;
import io.qrescue.recovery.source.Extent;
import io.qrescue.recovery.stack.ArrayNode;
import io.qrescue.recovery.stack.PartitionNode;
import io.qrescue.recovery.stack.Placement;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The areas of image 0 to read before anything else, as a ddrescue domain map ('+' inside): the metadata the
 * analysis already knows of, plus the places where the next layer's metadata can start or end, so that each
 * round of "image, analyse" finds the next layer: the first and last MiB of the disk (MBR, both GPTs, md 0.90
 * and 1.0 superblocks of whole-disk members), the first 4 MiB and last MiB of every partition (md 1.1/1.2
 * superblocks and bitmaps at the start, 0.90/1.0 at the end, the LVM label and metadata area of a PV), the
 * first 4 MiB of every array's data (its PV label and metadata area) and the whole metadata LV of every
 * thin pool.
 */
final class ReadFirstDomain {

    static final long DISK_EDGE_BYTES = 1L << 20;
    static final long HEAD_BYTES = 4L << 20;
    static final long TAIL_BYTES = 1L << 20;

    private ReadFirstDomain() {
    }

    /** The domain of {@code analysis}'s first image, of {@code sizeBytes} bytes. */
    static BlockMap of(StackAnalysis analysis, long sizeBytes) {
        TreeMap<Long, Long> ranges = new TreeMap<>();
        add(ranges, 0, DISK_EDGE_BYTES, sizeBytes);
        add(ranges, sizeBytes - DISK_EDGE_BYTES, DISK_EDGE_BYTES, sizeBytes);
        for (MetadataRegion r : MetadataRegions.of(analysis)) {
            if (r.imageIndex() == 0) {
                add(ranges, r.offsetBytes(), r.lengthBytes(), sizeBytes);
            }
        }
        if (!analysis.stack().disks().isEmpty()) {
            for (PartitionNode p : analysis.stack().disks().get(0).partitions()) {
                add(ranges, p.startBytes(), Math.min(HEAD_BYTES, p.sizeBytes()), sizeBytes);
                add(ranges, p.startBytes() + p.sizeBytes() - TAIL_BYTES, TAIL_BYTES, sizeBytes);
            }
        }
        for (ArrayNode a : analysis.stack().arrays()) {
            for (Placement p : a.placements()) {
                addMapped(ranges, p, 0, HEAD_BYTES, sizeBytes);
            }
        }
        for (PoolAnalysis pool : analysis.pools()) {
            if (pool.node().tmeta() != null) {
                for (Placement p : pool.node().tmeta().placements()) {
                    addMapped(ranges, p, 0, p.toImage().logicalSize(), sizeBytes);
                }
            }
        }
        return toMap(ranges, sizeBytes);
    }

    /** True when {@code domain} has finished ('+') bytes that {@code done} (a rescue map) has never tried. */
    static boolean hasUntried(BlockMap domain, BlockMap done) {
        for (StatusBlock d : domain) {
            if (d.status() != BlockStatus.FINISHED || d.size() == 0) {
                continue;
            }
            io.qrescue.recovery.source.Readability r = io.qrescue.recovery.source.Readability.of(done);
            for (StatusBlock piece : r.damageIn(d.pos(), d.size())) {
                if (piece.status() == BlockStatus.NON_TRIED) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void addMapped(TreeMap<Long, Long> ranges, Placement p, long from, long length, long sizeBytes) {
        if (p.imageIndex() != 0) {
            return;
        }
        for (Extent e : p.toImage().lookup(from, length)) {
            if (!e.isHole()) {
                add(ranges, e.physicalStart(), e.length(), sizeBytes);
            }
        }
    }

    /** Adds {@code [from, from + length)} cut to {@code [0, sizeBytes)}, merging with what it meets. */
    private static void add(TreeMap<Long, Long> ranges, long from, long length, long sizeBytes) {
        long start = Math.max(0, from);
        long end = Math.min(sizeBytes, from + length);
        if (start >= end) {
            return;
        }
        var before = ranges.floorEntry(start);
        if (before != null && before.getValue() >= start) {
            start = before.getKey();
            end = Math.max(end, before.getValue());
            ranges.remove(before.getKey());
        }
        for (var next = ranges.ceilingEntry(start); next != null && next.getKey() <= end;
                next = ranges.ceilingEntry(start)) {
            end = Math.max(end, next.getValue());
            ranges.remove(next.getKey());
        }
        ranges.put(start, end);
    }

    private static BlockMap toMap(TreeMap<Long, Long> ranges, long sizeBytes) {
        List<StatusBlock> blocks = new ArrayList<>();
        long pos = 0;
        for (var r : ranges.entrySet()) {
            if (r.getKey() > pos) {
                blocks.add(new StatusBlock(pos, r.getKey() - pos, BlockStatus.NON_TRIED));
            }
            blocks.add(new StatusBlock(r.getKey(), r.getValue() - r.getKey(), BlockStatus.FINISHED));
            pos = r.getValue();
        }
        if (pos < sizeBytes) {
            blocks.add(new StatusBlock(pos, sizeBytes - pos, BlockStatus.NON_TRIED));
        }
        return BlockMap.of(blocks);
    }
}
