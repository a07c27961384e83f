package io.qrescue.recovery.pipeline;

import io.qrescue.mapfile.Block;
import io.qrescue.mapfile.BlockMap;
import io.qrescue.mapfile.BlockStatus;
import io.qrescue.mapfile.StatusBlock;
import io.qrescue.recovery.analysis.AnalyzedVolume;
import io.qrescue.recovery.analysis.MetadataDomain;
import io.qrescue.recovery.analysis.MetadataRegion;
import io.qrescue.recovery.analysis.MetadataRegions;
import io.qrescue.recovery.analysis.PoolAnalysis;
import io.qrescue.recovery.analysis.StackAnalysis;
import io.qrescue.recovery.source.ExtentMap;
import io.qrescue.recovery.source.Readability;
import io.qrescue.recovery.stack.ArrayNode;
import io.qrescue.recovery.stack.DiskNode;
import io.qrescue.recovery.stack.PartitionNode;
import io.qrescue.recovery.stack.Placement;
import io.qrescue.recovery.stack.md.MdMember;
import java.util.ArrayList;
import java.util.List;

/**
 * The areas of an image to read before anything else, as a ddrescue domain map ('+' inside): the metadata the
 * analysis already knows of, plus the places where the next layer's metadata can start or end, so that each
 * round of "image, analyse" finds the next layer: the first and last MiB of the disk (MBR, both GPTs, md 0.90
 * and 1.0 superblocks of whole-disk members), the first 4 MiB and last MiB of every partition (md 1.1/1.2
 * superblocks and bitmaps at the start, 0.90/1.0 at the end, the LVM label and metadata area of a PV), the
 * first 4 MiB of every array's data (its PV label and metadata area: on each member, its share, copies and
 * parity), the whole metadata LV of every thin pool, and the first 64 KiB of every user volume (where a LUKS
 * header starts: the LUKS1 header, or both default-sized LUKS2 copies; the key material it names is metadata the
 * round after).
 */
final class ReadFirstDomain {

    static final long DISK_EDGE_BYTES = 1L << 20;
    static final long HEAD_BYTES = 4L << 20;
    static final long TAIL_BYTES = 1L << 20;
    static final long VOLUME_HEAD_BYTES = 64L << 10;

    private ReadFirstDomain() {
    }

    /** The domain of {@code analysis}'s first image, of {@code sizeBytes} bytes. */
    static BlockMap of(StackAnalysis analysis, long sizeBytes) {
        return of(analysis, 0, sizeBytes);
    }

    /** The domain of {@code analysis}'s image {@code imageIndex}, of {@code sizeBytes} bytes. */
    static BlockMap of(StackAnalysis analysis, int imageIndex, long sizeBytes) {
        return of(analysis, imageIndex, sizeBytes, List.of());
    }

    /** The same, with {@code more} (the filesystems' metadata found so far) read first too. */
    static BlockMap of(StackAnalysis analysis, int imageIndex, long sizeBytes, List<Block> more) {
        List<Block> ranges = new ArrayList<>(more);
        ranges.add(Block.between(0, DISK_EDGE_BYTES));
        ranges.add(Block.between(sizeBytes - DISK_EDGE_BYTES, sizeBytes));
        for (MetadataRegion r : MetadataRegions.of(analysis)) {
            if (r.imageIndex() == imageIndex) {
                ranges.add(Block.between(r.offsetBytes(), r.endBytes()));
            }
        }
        for (DiskNode d : analysis.stack().disks()) {
            if (d.index() != imageIndex) {
                continue;
            }
            for (PartitionNode p : d.partitions()) {
                ranges.add(Block.between(p.startBytes(), p.startBytes() + Math.min(HEAD_BYTES, p.sizeBytes())));
                ranges.add(Block.between(p.startBytes() + p.sizeBytes() - TAIL_BYTES, p.startBytes() + p.sizeBytes()));
            }
        }
        for (ArrayNode a : analysis.stack().arrays()) {
            if (a.readable()) {
                addMapped(ranges, Placement.onArray(a.source(), ExtentMap.linear(a.source().size())), imageIndex, 0,
                        HEAD_BYTES);
                continue;
            }
            for (MdMember m : a.array().members()) {
                if (m.imageIndex() == imageIndex) {
                    ranges.add(new Block(m.dataStartBytes(), HEAD_BYTES));
                }
            }
        }
        for (PoolAnalysis pool : analysis.pools()) {
            if (pool.node().tmeta() != null) {
                for (Placement p : pool.node().tmeta().placements()) {
                    addMapped(ranges, p, imageIndex, 0, p.toImage().logicalSize());
                }
            }
        }
        for (AnalyzedVolume v : analysis.volumes()) {
            for (Placement p : v.placements()) {
                addMapped(ranges, p, imageIndex, 0, Math.min(VOLUME_HEAD_BYTES, p.toImage().logicalSize()));
            }
        }
        return MetadataDomain.covering(ranges, sizeBytes);
    }

    /**
     * Only the metadata the analysis knows of (its regions, every thin pool's metadata LV and {@code more}, the
     * filesystems' metadata), without the places a next layer might start: what the metadata retries go over.
     */
    static BlockMap known(StackAnalysis analysis, int imageIndex, long sizeBytes, List<Block> more) {
        List<Block> ranges = new ArrayList<>(more);
        for (MetadataRegion r : MetadataRegions.of(analysis)) {
            if (r.imageIndex() == imageIndex) {
                ranges.add(Block.between(r.offsetBytes(), r.endBytes()));
            }
        }
        for (PoolAnalysis pool : analysis.pools()) {
            if (pool.node().tmeta() != null) {
                for (Placement p : pool.node().tmeta().placements()) {
                    addMapped(ranges, p, imageIndex, 0, p.toImage().logicalSize());
                }
            }
        }
        return MetadataDomain.covering(ranges, sizeBytes);
    }

    /** True when {@code domain} has finished ('+') bytes that {@code done} (a rescue map) has never tried. */
    static boolean hasUntried(BlockMap domain, BlockMap done) {
        Readability tried = Readability.of(done);
        for (StatusBlock d : domain) {
            if (d.status() != BlockStatus.FINISHED || d.size() == 0) {
                continue;
            }
            for (StatusBlock piece : tried.damageIn(d.pos(), d.size())) {
                if (piece.status() == BlockStatus.NON_TRIED) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Adds the ranges of image {@code imageIndex} that hold logical {@code [from, from + length)} of a placement (on
     * an md array: every member's share, copies and parity).
     */
    private static void addMapped(List<Block> ranges, Placement p, int imageIndex, long from, long length) {
        for (Placement.ImageSpan span : p.imageSpans(from, length)) {
            if (span.imageIndex() == imageIndex) {
                ranges.add(new Block(span.offsetBytes(), span.lengthBytes()));
            }
        }
    }
}
