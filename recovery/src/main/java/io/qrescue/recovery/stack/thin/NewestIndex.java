package io.qrescue.recovery.stack.thin;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Without a superblock: which of the metadata space map's index blocks found on the device was written last. Every
 * commit writes a new index block (copy-on-write) and the allocator moves forward through the device and wraps, so
 * block numbers alone mislead once it has wrapped. An index block's bitmaps say which blocks were in use at its
 * commit, and each of those held that commit's data then; when one of them now holds another index block or a
 * bitmap that index does not name, it was written again later, so that index is not the newest. Among the indexes
 * left, the newest is the one the others lie just behind on the way round.
 */
final class NewestIndex {

    /** At most this many index blocks are examined (the highest-numbered ones when there are more). */
    private static final int MAX_EXAMINED = 512;

    private NewestIndex() {
    }

    /** The block of the newest index, or -1 when there is no valid one. */
    static long find(NodeScan scan) {
        List<Long> indexes = new ArrayList<>(scan.indexBlocks());
        if (indexes.isEmpty()) {
            return -1;
        }
        indexes.sort(null);
        if (indexes.size() > MAX_EXAMINED) {
            indexes = indexes.subList(indexes.size() - MAX_EXAMINED, indexes.size());
        }
        long n = scan.deviceBlocks();
        Map<Long, List<Long>> bitmapsOf = new HashMap<>();
        Map<Long, BitSet> used = new HashMap<>();
        Set<Long> named = new HashSet<>();
        for (long index : indexes) {
            List<Long> own = new ArrayList<>();
            used.put(index, allocated(scan, index, own));
            bitmapsOf.put(index, own);
            named.addAll(own);
        }
        // Blocks that only a metadata space map's own commit writes: index blocks and the bitmaps they name (data
        // space-map bitmaps are named by no index and may rightly be in use at any commit).
        Set<Long> others = new HashSet<>(scan.indexBlocks());
        others.addAll(named);
        List<Long> survivors = new ArrayList<>();
        for (long index : indexes) {
            List<Long> own = bitmapsOf.get(index);
            BitSet in = used.get(index);
            boolean rewrittenSince = false;
            for (long b : others) {
                if (b != index && !own.contains(b) && b < n && in.get((int) b)) {
                    rewrittenSince = true;
                    break;
                }
            }
            if (!rewrittenSince) {
                survivors.add(index);
            }
        }
        if (survivors.isEmpty()) {
            survivors = indexes;
        }
        long best = -1;
        long bestSpread = Long.MAX_VALUE;
        for (long c : survivors) {
            long spread = 0;
            for (long x : survivors) {
                spread = Math.max(spread, Math.floorMod(c - x, n));
            }
            if (spread < bestSpread) {
                bestSpread = spread;
                best = c;
            }
        }
        return best;
    }

    /** The blocks index {@code index} counts as in use; its valid bitmaps are added to {@code bitmaps}. */
    private static BitSet allocated(NodeScan scan, long index, List<Long> bitmaps) {
        BitSet used = new BitSet();
        byte[] ib = scan.blocks().readQuietly(index);
        if (ib == null) {
            return used;
        }
        int bs = scan.blockSizeBytes();
        long perBitmap = SpaceMap.entriesPerBitmap(bs);
        long n = scan.deviceBlocks();
        for (int i = 0; 16 + 16 * (i + 1) <= bs && i * perBitmap < n; i++) {
            long bitmap = Le.u64(ib, 16 + 16 * i);
            if (bitmap <= 0 || bitmap >= n) {
                break;
            }
            byte[] bb = scan.blocks().readQuietly(bitmap);
            if (bb == null || !MetadataChecksum.matches(bb, MetadataChecksum.BITMAP_SALT) || Le.u64(bb, 8) != bitmap) {
                continue;
            }
            bitmaps.add(bitmap);
            for (long e = 0; e < perBitmap && i * perBitmap + e < n; e++) {
                long word = Le.u64(bb, 16 + (int) (e / 32) * 8);
                int bit = (int) (e % 32) * 2;
                if (((word >>> bit) & 3) != 0) {
                    used.set((int) (i * perBitmap + e));
                }
            }
        }
        return used;
    }
}
