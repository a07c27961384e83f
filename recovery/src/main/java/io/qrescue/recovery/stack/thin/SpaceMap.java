package io.qrescue.recovery.stack.thin;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reference counts of a pool's data blocks, metadata blocks or (QNAP) tier blocks: 2-bit counts in bitmap blocks
 * found through an index, counts of 3 and more in the ref-count btree. Bitmaps are read on demand (a few cached),
 * so memory stays proportional to the index, never to the number of blocks counted.
 */
public final class SpaceMap {

    /** Count of a block whose bitmap cannot be read or is invalid. */
    public static final long UNKNOWN = -1;

    /** Receives each block with a non-zero count, ascending. */
    @FunctionalInterface
    public interface RefCountVisitor {
        void block(long blockNr, long refCount);
    }

    private static final int CACHED_BITMAPS = 64;

    private final String name;
    private final long nrBlocks;
    private final long entriesPerBitmap;
    /** Bitmap block of index entry i; 0 when the index entry is missing. */
    private final long[] bitmapBlocks;
    private final Map<Long, Long> overflowCounts;
    private final MetadataBlocks blocks;
    private final Findings findings;
    private final Map<Integer, byte[]> bitmapCache = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, byte[]> eldest) {
            return size() > CACHED_BITMAPS;
        }
    };
    private final boolean[] bitmapBad;

    private SpaceMap(String name, long nrBlocks, long entriesPerBitmap, long[] bitmapBlocks,
            Map<Long, Long> overflowCounts, MetadataBlocks blocks, Findings findings) {
        this.name = name;
        this.nrBlocks = nrBlocks;
        this.entriesPerBitmap = entriesPerBitmap;
        this.bitmapBlocks = bitmapBlocks;
        this.overflowCounts = overflowCounts;
        this.blocks = blocks;
        this.findings = findings;
        this.bitmapBad = new boolean[bitmapBlocks.length];
    }

    /** Blocks one bitmap block counts: 4 per payload byte after the 16-byte header (16320 for 4 KiB blocks). */
    static long entriesPerBitmap(int blockSizeBytes) {
        return (blockSizeBytes - 16L) * 4;
    }

    /** The metadata space map: {@code root.bitmapRoot} is a single index block. */
    static SpaceMap readMetadata(SpaceMapRoot root, MetadataBlocks blocks, BTreeWalk walk, Findings findings,
            MetadataBlockMap.Builder live) {
        String name = "metadata space map";
        int bs = blocks.blockSizeBytes();
        long perBitmap = entriesPerBitmap(bs);
        int maxIndexEntries = (bs - 16) / 16;
        long wanted = ceilDiv(root.nrBlocks(), perBitmap);
        if (root.nrBlocks() > blocks.deviceBlocks()) {
            findings.add("superblock " + name + " root", 192, "nr_blocks " + root.nrBlocks() + " exceeds the "
                    + blocks.deviceBlocks() + " blocks of the metadata device");
        }
        if (wanted > maxIndexEntries) {
            findings.add("superblock " + name + " root", 192, "nr_blocks " + root.nrBlocks() + " needs " + wanted
                    + " bitmaps, an index block holds " + maxIndexEntries);
            wanted = maxIndexEntries;
        }
        long nrBlocks = Math.max(0, Math.min(root.nrBlocks(), wanted * perBitmap));
        long[] bitmaps = new long[(int) wanted];
        live.reference(root.bitmapRoot());
        live.add(root.bitmapRoot(), new BlockRole(BlockKind.METADATA_SM_INDEX, BlockRole.NO_DEVICE, 0, nrBlocks));
        byte[] index = blocks.read(root.bitmapRoot(), name + " index");
        long indexOffset = blocks.offsetOf(Math.max(0, root.bitmapRoot()));
        if (index == null || !MetadataChecksum.matches(index, MetadataChecksum.INDEX_SALT)
                || Le.u64(index, 8) != root.bitmapRoot()) {
            live.addUnreadable(root.bitmapRoot(), new BlockRole(BlockKind.METADATA_SM_INDEX, BlockRole.NO_DEVICE, 0,
                    nrBlocks));
        }
        if (index != null) {
            if (!MetadataChecksum.matches(index, MetadataChecksum.INDEX_SALT)) {
                findings.add(name + " index", indexOffset, "checksum mismatch");
            } else if (Le.u64(index, 8) != root.bitmapRoot()) {
                findings.add(name + " index", indexOffset + 8, "index block says it is block " + Le.u64(index, 8)
                        + ", found at block " + root.bitmapRoot());
            } else {
                for (int i = 0; i < bitmaps.length; i++) {
                    bitmaps[i] = Le.u64(index, 16 + 16 * i);
                    live.reference(bitmaps[i]);
                    live.add(bitmaps[i], new BlockRole(BlockKind.METADATA_SM_BITMAP, BlockRole.NO_DEVICE,
                            i * perBitmap, Math.min(nrBlocks, (i + 1) * perBitmap)));
                }
            }
        }
        Map<Long, Long> overflow = readRefCountTree(name, root.refCountRoot(), nrBlocks,
                BlockKind.METADATA_SM_REF_COUNT_NODE, BlockRole.NO_DEVICE, walk, live);
        return new SpaceMap(name, nrBlocks, perBitmap, bitmaps, overflow, blocks, findings);
    }

    /**
     * A data (or tier) space map: {@code root.bitmapRoot} is a btree of 16-byte index entries keyed by bitmap
     * index. {@code owner} is the tier number for tier maps, {@link BlockRole#NO_DEVICE} for the data map.
     */
    static SpaceMap readDisk(String name, SpaceMapRoot root, BlockKind indexKind, BlockKind bitmapKind,
            BlockKind refCountKind, long owner, MetadataBlocks blocks, BTreeWalk walk, Findings findings,
            MetadataBlockMap.Builder live) {
        long perBitmap = entriesPerBitmap(blocks.blockSizeBytes());
        long wanted = ceilDiv(root.nrBlocks(), perBitmap);
        // Each bitmap is a metadata block, so there cannot be more of them than metadata blocks.
        if (wanted > blocks.deviceBlocks()) {
            findings.add("superblock " + name + " root", 64, "nr_blocks " + root.nrBlocks() + " needs " + wanted
                    + " bitmaps, more than the metadata device has blocks");
            wanted = blocks.deviceBlocks();
        }
        long nrBlocks = Math.max(0, Math.min(root.nrBlocks(), wanted * perBitmap));
        long[] bitmaps = new long[(int) wanted];
        long entries = wanted;
        live.reference(root.bitmapRoot());
        walk.walk(name + " index", root.bitmapRoot(), 16, BTreeWalk.of((node, from, to, depth) -> {
            boolean first = live.add(node.blockNr(), new BlockRole(indexKind, owner,
                    clampMul(from, perBitmap, nrBlocks), clampMul(to, perBitmap, nrBlocks)));
            for (int i = 0; i < node.nrEntries(); i++) {
                if (!node.isLeaf()) {
                    if (first) {
                        live.reference(node.valueU64(i));
                    }
                    continue;
                }
                long key = node.key(i);
                if (key < 0 || key >= entries) {
                    findings.add(name + " index", blocks.offsetOf(node.blockNr()) + BTreeNode.HEADER_BYTES + 8L * i,
                            "index entry " + Long.toUnsignedString(key) + " beyond the " + entries + " bitmaps");
                    continue;
                }
                bitmaps[(int) key] = node.valueU64(i);
                live.reference(bitmaps[(int) key]);
                live.add(bitmaps[(int) key], new BlockRole(bitmapKind, owner, key * perBitmap,
                        Math.min(nrBlocks, (key + 1) * perBitmap)));
            }
        }, bad -> {
            if (bad.isLiveBlock()) {
                live.addUnreadable(bad.blockNr(), new BlockRole(indexKind, owner, clampMul(bad.keyFrom(), perBitmap,
                        nrBlocks), clampMul(bad.keyTo(), perBitmap, nrBlocks)));
            }
        }));
        Map<Long, Long> overflow = readRefCountTree(name, root.refCountRoot(), nrBlocks, refCountKind, owner, walk, live);
        return new SpaceMap(name, nrBlocks, perBitmap, bitmaps, overflow, blocks, findings);
    }

    private static Map<Long, Long> readRefCountTree(String name, long root, long nrBlocks, BlockKind kind, long owner,
            BTreeWalk walk, MetadataBlockMap.Builder live) {
        Map<Long, Long> counts = new HashMap<>();
        live.reference(root);
        walk.walk(name + " ref-count tree", root, 4, BTreeWalk.of((node, from, to, depth) -> {
            boolean first = live.add(node.blockNr(), new BlockRole(kind, owner, from, Math.min(to, nrBlocks)));
            for (int i = 0; i < node.nrEntries(); i++) {
                if (node.isLeaf()) {
                    counts.put(node.key(i), node.valueU32(i));
                } else if (first) {
                    live.reference(node.valueU64(i));
                }
            }
        }, bad -> {
            if (bad.isLiveBlock()) {
                live.addUnreadable(bad.blockNr(), new BlockRole(kind, owner, bad.keyFrom(), Math.min(bad.keyTo(),
                        nrBlocks)));
            }
        }));
        return counts;
    }

    public String name() {
        return name;
    }

    /** Blocks counted. */
    public long nrBlocks() {
        return nrBlocks;
    }

    /** Blocks one bitmap block counts. */
    public long entriesPerBitmap() {
        return entriesPerBitmap;
    }

    /** Metadata block holding the bitmap of index entry {@code i} (0 when missing). */
    public long bitmapBlock(int i) {
        return bitmapBlocks[i];
    }

    public int bitmapCount() {
        return bitmapBlocks.length;
    }

    /** Reference count of {@code blockNr}, or {@link #UNKNOWN} when its bitmap is missing or invalid. */
    public long refCount(long blockNr) {
        if (blockNr < 0 || blockNr >= nrBlocks) {
            return UNKNOWN;
        }
        byte[] bitmap = bitmap((int) (blockNr / entriesPerBitmap));
        if (bitmap == null) {
            return UNKNOWN;
        }
        return countIn(bitmap, blockNr % entriesPerBitmap, blockNr);
    }

    /** Visits every block with a non-zero count; blocks under an unreadable bitmap are skipped (findings say so). */
    public void forEachInUse(RefCountVisitor visitor) {
        for (int i = 0; i < bitmapBlocks.length; i++) {
            byte[] bitmap = bitmap(i);
            if (bitmap == null) {
                continue;
            }
            long base = i * entriesPerBitmap;
            long n = Math.min(entriesPerBitmap, nrBlocks - base);
            for (long e = 0; e < n; e += 32) {
                long word = Le.u64(bitmap, 16 + (int) (e / 32) * 8);
                if (word == 0) {
                    continue;
                }
                long last = Math.min(n, e + 32);
                for (long x = e; x < last; x++) {
                    long c = countIn(bitmap, x, base + x);
                    if (c != 0) {
                        visitor.block(base + x, c);
                    }
                }
            }
        }
    }

    private long countIn(byte[] bitmap, long entry, long blockNr) {
        long word = Le.u64(bitmap, 16 + (int) (entry / 32) * 8);
        int i = (int) (entry % 32);
        // On-disk bit order: bit 2i is the high bit of the 2-bit count, bit 2i+1 the low bit.
        long c = ((word >>> (2 * i)) & 1) << 1 | ((word >>> (2 * i + 1)) & 1);
        if (c == 3) {
            Long real = overflowCounts.get(blockNr);
            return real == null ? UNKNOWN : real;
        }
        return c;
    }

    private byte[] bitmap(int i) {
        if (bitmapBad[i]) {
            return null;
        }
        byte[] cached = bitmapCache.get(i);
        if (cached != null) {
            return cached;
        }
        long blockNr = bitmapBlocks[i];
        String structure = name + " bitmap " + i;
        byte[] b = blockNr == 0 ? null : blocks.read(blockNr, structure);
        if (blockNr == 0) {
            findings.add(structure, 0, "no index entry for bitmap " + i);
        } else if (b != null && !MetadataChecksum.matches(b, MetadataChecksum.BITMAP_SALT)) {
            findings.add(structure, blocks.offsetOf(blockNr), "bitmap checksum mismatch");
            b = null;
        } else if (b != null && Le.u64(b, 8) != blockNr) {
            findings.add(structure, blocks.offsetOf(blockNr) + 8, "bitmap says it is block " + Le.u64(b, 8));
            b = null;
        }
        if (b == null) {
            bitmapBad[i] = true;
            return null;
        }
        bitmapCache.put(i, b);
        return b;
    }

    private static long ceilDiv(long a, long b) {
        return a <= 0 ? 0 : (a - 1) / b + 1;
    }

    private static long clampMul(long key, long factor, long max) {
        if (key >= max / factor + 1) {
            return max;
        }
        return Math.min(max, key * factor);
    }
}
