package io.qrescue.recovery.stack.thin;

import java.util.Arrays;

/**
 * One thin device's mappings as maximal runs (virtual block, data block, length), ascending by virtual block, in
 * three parallel arrays: millions of mappings cost three longs per run, not an object per block.
 */
public final class DeviceRuns {

    private final long deviceId;
    private final long[] virtualBlock;
    private final long[] dataBlock;
    private final long[] lengthBlocks;
    private final int count;
    private final long mappedBlocks;

    private DeviceRuns(long deviceId, long[] virtualBlock, long[] dataBlock, long[] lengthBlocks, int count,
            long mappedBlocks) {
        this.deviceId = deviceId;
        this.virtualBlock = virtualBlock;
        this.dataBlock = dataBlock;
        this.lengthBlocks = lengthBlocks;
        this.count = count;
        this.mappedBlocks = mappedBlocks;
    }

    public long deviceId() {
        return deviceId;
    }

    public int runCount() {
        return count;
    }

    public long virtualBlock(int i) {
        return virtualBlock[i];
    }

    public long dataBlock(int i) {
        return dataBlock[i];
    }

    public long lengthBlocks(int i) {
        return lengthBlocks[i];
    }

    /** Total mapped virtual blocks. */
    public long mappedBlocks() {
        return mappedBlocks;
    }

    /** One past the last mapped virtual block (0 when nothing is mapped). */
    public long endBlock() {
        return count == 0 ? 0 : virtualBlock[count - 1] + lengthBlocks[count - 1];
    }

    /** Mapped blocks among virtual blocks {@code [from, to)}. */
    public long mappedBlocksIn(long from, long to) {
        int i = Arrays.binarySearch(virtualBlock, 0, count, from);
        i = i >= 0 ? i : Math.max(0, -i - 2);
        long n = 0;
        for (; i < count && virtualBlock[i] < to; i++) {
            long s = Math.max(from, virtualBlock[i]);
            long e = Math.min(to, virtualBlock[i] + lengthBlocks[i]);
            if (s < e) {
                n += e - s;
            }
        }
        return n;
    }

    static Builder builder(long deviceId) {
        return new Builder(deviceId);
    }

    /** Appends mappings in ascending virtual order and merges those that continue the previous run. */
    static final class Builder implements ThinMetadata.MappingVisitor {
        private final long deviceId;
        private long[] v = new long[16];
        private long[] d = new long[16];
        private long[] len = new long[16];
        private int count;
        private long mapped;

        Builder(long deviceId) {
            this.deviceId = deviceId;
        }

        @Override
        public void mapping(long virtualBlock, long dataBlock, long time) {
            add(virtualBlock, dataBlock, 1);
        }

        void add(long virtualBlock, long dataBlock, long lengthBlocks) {
            mapped += lengthBlocks;
            if (count > 0) {
                int last = count - 1;
                if (v[last] + len[last] == virtualBlock && d[last] + len[last] == dataBlock) {
                    len[last] += lengthBlocks;
                    return;
                }
            }
            if (count == v.length) {
                int n = count * 2;
                v = Arrays.copyOf(v, n);
                d = Arrays.copyOf(d, n);
                len = Arrays.copyOf(len, n);
            }
            v[count] = virtualBlock;
            d[count] = dataBlock;
            len[count] = lengthBlocks;
            count++;
        }

        DeviceRuns build() {
            return new DeviceRuns(deviceId, Arrays.copyOf(v, count), Arrays.copyOf(d, count), Arrays.copyOf(len, count),
                    count, mapped);
        }
    }
}
