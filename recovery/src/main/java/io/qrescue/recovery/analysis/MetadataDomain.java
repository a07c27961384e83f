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
                pairs.add(new long[] {Math.max(0, r.offsetBytes()), Math.min(size, r.endBytes())});
            }
        }
        Ranges meta = Ranges.union(pairs);
        List<StatusBlock> blocks = new ArrayList<>();
        long pos = 0;
        for (long[] r : meta.pairs()) {
            if (r[0] > pos) {
                blocks.add(new StatusBlock(pos, r[0] - pos, BlockStatus.NON_TRIED));
            }
            blocks.add(new StatusBlock(r[0], r[1] - r[0], BlockStatus.FINISHED));
            pos = r[1];
        }
        if (pos < size) {
            blocks.add(new StatusBlock(pos, size - pos, BlockStatus.NON_TRIED));
        }
        return BlockMap.of(blocks);
    }
}
