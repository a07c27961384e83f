package io.qrescue.mapfile.testing;

import io.qrescue.mapfile.BlockMap;
import io.qrescue.mapfile.BlockStatus;
import io.qrescue.mapfile.Mapfile;
import io.qrescue.mapfile.RunStatus;
import io.qrescue.mapfile.StatusBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Seeded random mapfiles shaped like ddrescue's: from 0, sector-sized blocks, no two neighbours alike. */
public final class RandomMaps {

    private static final BlockStatus[] STATUSES = BlockStatus.values();
    private static final RunStatus[] RUN_STATUSES = {
        RunStatus.COPYING, RunStatus.TRIMMING, RunStatus.SCRAPING, RunStatus.RETRYING, RunStatus.FINISHED
    };

    private RandomMaps() {
    }

    /** A mapfile of {@code blockCount} blocks with a random status line. */
    public static Mapfile mapfile(Random random, int blockCount) {
        List<StatusBlock> blocks = new ArrayList<>(blockCount);
        long pos = 0;
        BlockStatus previous = null;
        for (int i = 0; i < blockCount; i++) {
            BlockStatus status;
            do {
                status = STATUSES[random.nextInt(STATUSES.length)];
            } while (status == previous);
            long size = 512L * (1 + random.nextInt(1 << 16));
            blocks.add(new StatusBlock(pos, size, status));
            pos += size;
            previous = status;
        }
        long currentPos = pos == 0 ? 0 : 512L * random.nextInt((int) Math.min(Integer.MAX_VALUE, pos / 512));
        return new Mapfile(currentPos, RUN_STATUSES[random.nextInt(RUN_STATUSES.length)], 1 + random.nextInt(5),
                BlockMap.of(blocks));
    }
}
