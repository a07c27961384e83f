package io.qrescue.recovery.analysis;

import io.qrescue.mapfile.BlockMap;
import io.qrescue.mapfile.BlockStatus;
import io.qrescue.mapfile.StatusBlock;
import java.util.ArrayList;
import java.util.List;

/**
 * A ddrescue domain map of one image's metadata: '+' (finished) over every metadata region, '?' elsewhere.
 * ddrescue -m (and {@code qrescue image -m}) works only inside the blocks a domain mapfile marks finished, so this
 * map makes a rescue read and retry the metadata first.
 */
public final class MetadataDomain {

    private MetadataDomain() {
    }

    /** The domain map of image {@code imageIndex} of {@code analysis}, covering {@code [0, image size)}. */
    public static BlockMap of(StackAnalysis analysis, int imageIndex) {
        long size = analysis.stack().disks().get(imageIndex).sizeBytes();
        List<long[]> pairs = new ArrayList<>();
        for (MetadataRegion r : MetadataRegions.of(analysis)) {
            if (r.imageIndex() == imageIndex) {
                pairs.add(new long[] {r.offsetBytes(), r.endBytes()});
            }
        }
        return covering(pairs, size);
    }

    /**
     * A domain map of {@code [0, sizeBytes)}: '+' over the union of the {@code [start, end)} pairs (any order,
     * overlapping allowed, cut to the map), '?' elsewhere.
     */
    public static BlockMap covering(List<long[]> pairs, long sizeBytes) {
        List<long[]> cut = new ArrayList<>();
        for (long[] p : pairs) {
            cut.add(new long[] {Math.max(0, p[0]), Math.min(sizeBytes, p[1])});
        }
        List<StatusBlock> blocks = new ArrayList<>();
        long pos = 0;
        for (long[] r : Ranges.union(cut).pairs()) {
            if (r[0] > pos) {
                blocks.add(new StatusBlock(pos, r[0] - pos, BlockStatus.NON_TRIED));
            }
            blocks.add(new StatusBlock(r[0], r[1] - r[0], BlockStatus.FINISHED));
            pos = r[1];
        }
        if (pos < sizeBytes) {
            blocks.add(new StatusBlock(pos, sizeBytes - pos, BlockStatus.NON_TRIED));
        }
        return BlockMap.of(blocks);
    }
}
