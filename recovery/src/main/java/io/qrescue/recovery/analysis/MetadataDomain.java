package io.qrescue.recovery.analysis;

import io.qrescue.mapfile.Block;
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
        List<Block> regions = new ArrayList<>();
        for (MetadataRegion r : MetadataRegions.of(analysis)) {
            if (r.imageIndex() == imageIndex) {
                regions.add(new Block(r.offsetBytes(), r.lengthBytes()));
            }
        }
        return covering(regions, size);
    }

    /**
     * A domain map of {@code [0, sizeBytes)}: '+' over the union of {@code regions} (any order, overlapping
     * allowed, cut to the map), '?' elsewhere.
     */
    public static BlockMap covering(List<Block> regions, long sizeBytes) {
        Block whole = new Block(0, sizeBytes);
        List<Block> cut = new ArrayList<>();
        for (Block r : regions) {
            cut.add(r.crop(whole));
        }
        List<StatusBlock> blocks = new ArrayList<>();
        long pos = 0;
        for (Block r : Ranges.union(cut).blocks()) {
            if (r.pos() > pos) {
                blocks.add(new StatusBlock(pos, r.pos() - pos, BlockStatus.NON_TRIED));
            }
            blocks.add(new StatusBlock(r, BlockStatus.FINISHED));
            pos = r.end();
        }
        if (pos < sizeBytes) {
            blocks.add(new StatusBlock(pos, sizeBytes - pos, BlockStatus.NON_TRIED));
        }
        return BlockMap.of(blocks);
    }
}
