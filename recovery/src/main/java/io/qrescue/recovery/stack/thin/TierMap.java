package io.qrescue.recovery.stack.thin;

import io.qrescue.recovery.source.Extent;
import io.qrescue.recovery.source.ExtentMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * QNAP Qtier: the pool's data space cut into tier blocks (tier_block_size sectors, 4 MiB), each moved to a block of
 * one tier data LV ({@code tp1_tierdata_<tier>}). Value of an entry: tier in bits 61-63, tier block in bits 24-60.
 * A pool address without an entry is in bypass: the same address in the bypass tier LV (which one is unverified
 * on real data, so callers choose).
 */
public final class TierMap {

    /** Bypass tier meaning "no LV": unmapped pool addresses become holes. */
    public static final int NO_BYPASS = -1;
    private static final long TIER_BLOCK_MASK = (1L << 37) - 1;

    /** One piece of a pool address range placed in a tier LV. */
    public record TierPiece(long poolOffsetBytes, long lengthBytes, int tier, long tierOffsetBytes) {
    }

    private final long tierBlockSizeBytes;
    private final long[] poolTierBlocks;
    private final long[] values;

    private TierMap(long tierBlockSizeBytes, long[] poolTierBlocks, long[] values) {
        this.tierBlockSizeBytes = tierBlockSizeBytes;
        this.poolTierBlocks = poolTierBlocks;
        this.values = values;
    }

    public long tierBlockSizeBytes() {
        return tierBlockSizeBytes;
    }

    /** Pool tier blocks that have an entry. */
    public int entryCount() {
        return poolTierBlocks.length;
    }

    /** Tier of pool tier block {@code t}, or -1 when it has no entry (bypass). */
    public int tierOf(long t) {
        int i = Arrays.binarySearch(poolTierBlocks, t);
        return i < 0 ? -1 : (int) (values[i] >>> 61);
    }

    /** Block inside its tier LV of pool tier block {@code t}, or -1 when it has no entry. */
    public long tierBlockOf(long t) {
        int i = Arrays.binarySearch(poolTierBlocks, t);
        return i < 0 ? -1 : (values[i] >>> 24) & TIER_BLOCK_MASK;
    }

    /**
     * {@code poolMap} (thin bytes to pool addresses) split per tier LV: for each tier that receives bytes, a map of
     * the whole volume onto that tier LV, with holes where the bytes are elsewhere or unmapped.
     */
    public Map<Integer, ExtentMap> split(ExtentMap poolMap, int bypassTier) {
        Map<Integer, ExtentMap.Builder> builders = new TreeMap<>();
        for (Extent e : poolMap.extents()) {
            if (e.isHole()) {
                continue;
            }
            for (TierPiece p : toTiers(e.physicalStart(), e.length(), bypassTier)) {
                if (p.tier() < 0) {
                    continue;
                }
                long logical = e.logicalStart() + (p.poolOffsetBytes() - e.physicalStart());
                builders.computeIfAbsent(p.tier(), t -> ExtentMap.builder())
                        .add(new Extent(logical, p.lengthBytes(), p.tierOffsetBytes()));
            }
        }
        Map<Integer, ExtentMap> out = new TreeMap<>();
        builders.forEach((tier, b) -> out.put(tier, b.build(poolMap.logicalSize())));
        return out;
    }

    /** Where pool addresses {@code [poolOffsetBytes, +lengthBytes)} lie; tier -1 for unplaced (no bypass) pieces. */
    public List<TierPiece> toTiers(long poolOffsetBytes, long lengthBytes, int bypassTier) {
        List<TierPiece> out = new ArrayList<>();
        long pos = poolOffsetBytes;
        long end = poolOffsetBytes + lengthBytes;
        while (pos < end) {
            long t = pos / tierBlockSizeBytes;
            long within = pos % tierBlockSizeBytes;
            long n = Math.min(end - pos, tierBlockSizeBytes - within);
            int i = Arrays.binarySearch(poolTierBlocks, t);
            TierPiece piece;
            if (i >= 0) {
                long tb = (values[i] >>> 24) & TIER_BLOCK_MASK;
                piece = new TierPiece(pos, n, (int) (values[i] >>> 61), tb * tierBlockSizeBytes + within);
            } else {
                // Bypass up to the next tier block that has an entry.
                int nextEntry = -i - 1;
                long stop = nextEntry < poolTierBlocks.length
                        ? Math.min(end, poolTierBlocks[nextEntry] * tierBlockSizeBytes) : end;
                n = Math.max(n, stop - pos);
                piece = new TierPiece(pos, n, bypassTier, bypassTier < 0 ? -1 : pos);
            }
            TierPiece last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && last.tier() == piece.tier()
                    && last.tierOffsetBytes() + last.lengthBytes() == piece.tierOffsetBytes()
                    && (piece.tier() >= 0 || last.poolOffsetBytes() + last.lengthBytes() == piece.poolOffsetBytes())) {
                out.set(out.size() - 1, new TierPiece(last.poolOffsetBytes(), last.lengthBytes() + n, last.tier(),
                        last.tierOffsetBytes()));
            } else {
                out.add(piece);
            }
            pos += n;
        }
        return out;
    }

    /** Pool address ranges {@code (poolOffsetBytes, lengthBytes)} stored in bytes {@code [from, from+len)} of tier {@code tier}'s LV. */
    public List<long[]> toPool(int tier, long fromBytes, long lengthBytes, int bypassTier) {
        List<long[]> out = new ArrayList<>();
        long to = fromBytes + lengthBytes;
        for (int i = 0; i < poolTierBlocks.length; i++) {
            if ((int) (values[i] >>> 61) != tier) {
                continue;
            }
            long start = ((values[i] >>> 24) & TIER_BLOCK_MASK) * tierBlockSizeBytes;
            long s = Math.max(fromBytes, start);
            long e = Math.min(to, start + tierBlockSizeBytes);
            if (s < e) {
                out.add(new long[] {poolTierBlocks[i] * tierBlockSizeBytes + (s - start), e - s});
            }
        }
        if (tier == bypassTier) {
            // Bypass is the identity for pool tier blocks without an entry: emit the gaps between entries.
            long firstT = fromBytes / tierBlockSizeBytes;
            int i = Arrays.binarySearch(poolTierBlocks, firstT);
            i = i >= 0 ? i : -i - 1;
            long cursor = fromBytes;
            for (; cursor < to; i++) {
                long gapEnd = i < poolTierBlocks.length ? Math.min(to, poolTierBlocks[i] * tierBlockSizeBytes) : to;
                if (gapEnd > cursor) {
                    out.add(new long[] {cursor, gapEnd - cursor});
                }
                if (i >= poolTierBlocks.length) {
                    break;
                }
                cursor = Math.max(cursor, (poolTierBlocks[i] + 1) * tierBlockSizeBytes);
            }
        }
        return out;
    }

    static Builder builder(long tierBlockSizeBytes) {
        return new Builder(tierBlockSizeBytes);
    }

    /** Collects entries in ascending key order (the walk's order). */
    static final class Builder {
        private final long tierBlockSizeBytes;
        private long[] keys = new long[16];
        private long[] vals = new long[16];
        private int n;

        Builder(long tierBlockSizeBytes) {
            this.tierBlockSizeBytes = tierBlockSizeBytes;
        }

        void add(long key, long value) {
            if (n == keys.length) {
                keys = Arrays.copyOf(keys, n * 2);
                vals = Arrays.copyOf(vals, n * 2);
            }
            keys[n] = key;
            vals[n] = value;
            n++;
        }

        TierMap build() {
            return new TierMap(tierBlockSizeBytes, Arrays.copyOf(keys, n), Arrays.copyOf(vals, n));
        }
    }
}
