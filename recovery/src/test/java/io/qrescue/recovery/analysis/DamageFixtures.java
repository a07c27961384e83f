package io.qrescue.recovery.analysis;

import io.qrescue.mapfile.BlockMap;
import io.qrescue.mapfile.BlockStatus;
import io.qrescue.mapfile.StatusBlock;
import io.qrescue.recovery.source.Readability;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Readability of an image whose mapfile marks the given ranges bad ('-') and everything else finished. */
final class DamageFixtures {

    private DamageFixtures() {
    }

    static Readability badAt(long imageSize, long[]... ranges) {
        List<long[]> sorted = new ArrayList<>(List.of(ranges));
        sorted.sort(Comparator.comparingLong(r -> r[0]));
        List<StatusBlock> blocks = new ArrayList<>();
        long pos = 0;
        for (long[] r : sorted) {
            if (r[0] > pos) {
                blocks.add(new StatusBlock(pos, r[0] - pos, BlockStatus.FINISHED));
            }
            blocks.add(new StatusBlock(r[0], r[1], BlockStatus.BAD_SECTOR));
            pos = r[0] + r[1];
        }
        if (pos < imageSize) {
            blocks.add(new StatusBlock(pos, imageSize - pos, BlockStatus.FINISHED));
        }
        return Readability.of(BlockMap.of(blocks));
    }
}
