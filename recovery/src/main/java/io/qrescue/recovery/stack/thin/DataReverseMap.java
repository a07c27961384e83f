package io.qrescue.recovery.stack.thin;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Pool data blocks back to thin volumes: which devices and virtual offsets a range of the pool's data space
 * (the tdata LV) backs. A block shared by snapshots answers once per device.
 */
public final class DataReverseMap {

    private final long dataBlockSizeBytes;
    private final long[] device;
    private final long[] virtualBlock;
    private final long[] dataBlock;
    private final long[] lengthBlocks;
    /** Largest dataBlock+length among runs 0..i: lets a query skip every run that ends before it. */
    private final long[] maxEndPrefix;

    private DataReverseMap(long dataBlockSizeBytes, long[] device, long[] virtualBlock, long[] dataBlock,
            long[] lengthBlocks) {
        this.dataBlockSizeBytes = dataBlockSizeBytes;
        this.device = device;
        this.virtualBlock = virtualBlock;
        this.dataBlock = dataBlock;
        this.lengthBlocks = lengthBlocks;
        this.maxEndPrefix = new long[dataBlock.length];
        long max = Long.MIN_VALUE;
        for (int i = 0; i < dataBlock.length; i++) {
            max = Math.max(max, dataBlock[i] + lengthBlocks[i]);
            maxEndPrefix[i] = max;
        }
    }

    /** The reverse map of every device's mappings in {@code md}. */
    public static DataReverseMap of(ThinMetadata md) {
        int total = 0;
        List<DeviceRuns> all = new ArrayList<>();
        for (long dev : md.deviceRoots().keySet()) {
            DeviceRuns r = md.runs(dev);
            all.add(r);
            total += r.runCount();
        }
        Integer[] order = new Integer[total];
        long[] dv = new long[total];
        long[] vb = new long[total];
        long[] db = new long[total];
        long[] ln = new long[total];
        int k = 0;
        for (DeviceRuns r : all) {
            for (int i = 0; i < r.runCount(); i++, k++) {
                dv[k] = r.deviceId();
                vb[k] = r.virtualBlock(i);
                db[k] = r.dataBlock(i);
                ln[k] = r.lengthBlocks(i);
                order[k] = k;
            }
        }
        Arrays.sort(order, Comparator.comparingLong((Integer i) -> db[i]).thenComparingLong(i -> dv[i]));
        long[] d2 = new long[total];
        long[] v2 = new long[total];
        long[] b2 = new long[total];
        long[] l2 = new long[total];
        for (int i = 0; i < total; i++) {
            d2[i] = dv[order[i]];
            v2[i] = vb[order[i]];
            b2[i] = db[order[i]];
            l2[i] = ln[order[i]];
        }
        return new DataReverseMap(md.dataBlockSizeBytes(), d2, v2, b2, l2);
    }

    /** Volume ranges backed by pool data bytes {@code [dataOffsetBytes, +lengthBytes)}, by device then offset. */
    public List<VolumeRange> volumesAt(long dataOffsetBytes, long lengthBytes) {
        List<VolumeRange> out = new ArrayList<>();
        if (dataBlockSizeBytes == 0 || lengthBytes <= 0) {
            return out;
        }
        long from = dataOffsetBytes;
        long to = dataOffsetBytes + lengthBytes;
        long firstBlock = from / dataBlockSizeBytes;
        // First run whose prefix-maximum end passes the first block: nothing before it can overlap.
        int lo = 0;
        int hi = dataBlock.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (maxEndPrefix[mid] <= firstBlock) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        for (int i = lo; i < dataBlock.length && dataBlock[i] * dataBlockSizeBytes < to; i++) {
            long runStart = dataBlock[i] * dataBlockSizeBytes;
            long runEnd = runStart + lengthBlocks[i] * dataBlockSizeBytes;
            long s = Math.max(from, runStart);
            long e = Math.min(to, runEnd);
            if (s < e) {
                out.add(new VolumeRange(device[i], virtualBlock[i] * dataBlockSizeBytes + (s - runStart), e - s));
            }
        }
        out.sort(Comparator.comparingLong(VolumeRange::deviceId).thenComparingLong(VolumeRange::offsetBytes));
        return merge(out);
    }

    private static List<VolumeRange> merge(List<VolumeRange> sorted) {
        List<VolumeRange> out = new ArrayList<>();
        for (VolumeRange r : sorted) {
            VolumeRange last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && last.deviceId() == r.deviceId() && last.endBytes() == r.offsetBytes()) {
                out.set(out.size() - 1, new VolumeRange(last.deviceId(), last.offsetBytes(), last.lengthBytes() + r.lengthBytes()));
            } else {
                out.add(r);
            }
        }
        return out;
    }
}
