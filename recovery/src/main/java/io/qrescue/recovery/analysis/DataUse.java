package io.qrescue.recovery.analysis;

import io.qrescue.mapfile.Block;
import io.qrescue.recovery.stack.thin.DeviceRuns;
import io.qrescue.recovery.stack.thin.ThinMetadata;
import java.util.ArrayList;
import java.util.List;

/** Which bytes of a pool's data space some thin device maps (the union of every device's runs). */
public final class DataUse {

    private final Ranges used;

    private DataUse(Ranges used) {
        this.used = used;
    }

    static DataUse of(ThinMetadata md) {
        if (md == null || !md.hasSuperblock()) {
            return new DataUse(Ranges.EMPTY);
        }
        long bs = md.dataBlockSizeBytes();
        List<Block> runs = new ArrayList<>();
        for (long dev : md.deviceRoots().keySet()) {
            DeviceRuns r = md.runs(dev);
            for (int i = 0; i < r.runCount(); i++) {
                runs.add(new Block(r.dataBlock(i) * bs, r.lengthBlocks(i) * bs));
            }
        }
        return new DataUse(Ranges.union(runs));
    }

    /** The used part of pool data bytes {@code [from, to)}. */
    Ranges usedIn(long from, long to) {
        return used.intersect(from, to);
    }

    /** Bytes of the data space that some device maps. */
    public long usedBytes() {
        return used.totalBytes();
    }
}
