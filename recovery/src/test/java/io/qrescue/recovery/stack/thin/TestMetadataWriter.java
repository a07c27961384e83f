package io.qrescue.recovery.stack.thin;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Test-only: writes dm-thin metadata for a {@link PoolSpec} from the format document, in the upstream layout
 * (checked against thin_check/thin_dump) or QNAP's (8 KiB blocks, version 4 superblock with backups, 32/44-byte
 * device records, Qtier pool mapping and tier space maps), with btrees built bottom-up.
 */
final class TestMetadataWriter {

    /** A value writer for entry {@code i} of a btree being built. */
    private interface ValueWriter {
        void write(byte[] block, int off, int i);
    }

    private final PoolSpec spec;
    private final int bs;
    private final byte[] image;
    private final long deviceBlocks;
    private final long[] metaRefs;
    private final long allocLimit;
    private long next = 1;
    /** Block of each node written, by role name, for tests that aim at one structure. */
    final Map<String, List<Long>> placed = new TreeMap<>();

    private TestMetadataWriter(PoolSpec spec) {
        this.spec = spec;
        this.bs = spec.blockSizeBytes;
        this.deviceBlocks = spec.metadataBlocks;
        this.image = new byte[Math.toIntExact(deviceBlocks * bs)];
        this.metaRefs = new long[(int) deviceBlocks];
        this.allocLimit = spec.qnap ? deviceBlocks - ThinMetadata.BACKUP_SLOTS : deviceBlocks;
    }

    static byte[] write(PoolSpec spec) {
        return writer(spec).image;
    }

    static TestMetadataWriter writer(PoolSpec spec) {
        TestMetadataWriter w = new TestMetadataWriter(spec);
        w.writeAll();
        return w;
    }

    byte[] image() {
        return image;
    }

    List<Long> placed(String role) {
        return placed.getOrDefault(role, List.of());
    }

    private long allocate() {
        if (next >= allocLimit) {
            throw new IllegalStateException("metadata full at block " + next);
        }
        return next++;
    }

    private void writeAll() {
        long perBitmap = SpaceMap.entriesPerBitmap(bs);
        metaRefs[0] = 1;
        long index = allocate();
        metaRefs[(int) index] = 1;
        int nMetaBitmaps = (int) ((deviceBlocks + perBitmap - 1) / perBitmap);
        long[] metaBitmaps = new long[nMetaBitmaps];
        for (int i = 0; i < nMetaBitmaps; i++) {
            metaBitmaps[i] = allocate();
            metaRefs[(int) metaBitmaps[i]] = 1;
        }
        if (spec.qnap) {
            for (int k = 1; k <= ThinMetadata.BACKUP_SLOTS; k++) {
                metaRefs[(int) (deviceBlocks - k)] = 1;
            }
        }
        // Per-device mapping trees (tree-sharing devices point at their owner's root).
        Map<Long, Long> roots = new TreeMap<>();
        for (PoolSpec.Device d : spec.devices.values()) {
            if (d.sharesTreeOf != null) {
                continue;
            }
            List<Long> keys = new ArrayList<>(d.mappings.keySet());
            List<long[]> vals = new ArrayList<>(d.mappings.values());
            long timeMask = spec.qnap ? 0x3F_FFFFL : 0xFF_FFFFL;
            roots.put(d.id, buildTree("device " + d.id, keys, 8, (b, off, i) -> Le.put64(b, off,
                    vals.get(i)[0] << 24 | (vals.get(i)[1] & timeMask))));
        }
        for (PoolSpec.Device d : spec.devices.values()) {
            if (d.sharesTreeOf != null) {
                roots.put(d.id, roots.get(d.sharesTreeOf));
            }
        }
        List<Long> devIds = new ArrayList<>(roots.keySet());
        for (long root : roots.values()) {
            metaRefs[(int) root]++;
        }
        long topRoot = buildTree("top", devIds, 8, (b, off, i) -> Le.put64(b, off, roots.get(devIds.get(i))));
        metaRefs[(int) topRoot]++;
        List<PoolSpec.Device> devs = new ArrayList<>(spec.devices.values());
        int vs = spec.detailValueSize;
        long detailsRoot = buildTree("details", new ArrayList<>(spec.devices.keySet()), vs, (b, off, i) -> {
            PoolSpec.Device d = devs.get(i);
            Le.put64(b, off, spec.mappingsOf(d.id).size());
            Le.put64(b, off + 8, d.transactionId);
            Le.put32(b, off + 16, (int) d.creationTime);
            Le.put32(b, off + 20, (int) d.snapshottedTime);
            if (vs == 32) {
                Le.put64(b, off + 24, d.snapOrigin);
            } else if (vs == 44) {
                Le.put32(b, off + 24, (int) d.clonedTime);
                Le.put64(b, off + 28, 0);
                Le.put64(b, off + 36, d.snapOrigin);
            }
        });
        metaRefs[(int) detailsRoot]++;
        long[] dataCounts = new long[(int) spec.nrDataBlocks];
        spec.expectedDataRefCounts().forEach((block, c) -> dataCounts[(int) (long) block] = c);
        long[] dataSmRoot = writeDiskSpaceMap("data", dataCounts);
        long tierRoot = 0;
        List<long[]> tierSmRoots = new ArrayList<>();
        if (!spec.tierEntries.isEmpty()) {
            List<Long> keys = new ArrayList<>(spec.tierEntries.keySet());
            List<long[]> vals = new ArrayList<>(spec.tierEntries.values());
            tierRoot = buildTree("tier", keys, 8, (b, off, i) -> Le.put64(b, off,
                    vals.get(i)[0] << 61 | vals.get(i)[1] << 24));
            metaRefs[(int) tierRoot]++;
            for (int t = 0; t < spec.tierSizesInTierBlocks.length; t++) {
                long[] counts = new long[(int) spec.tierSizesInTierBlocks[t]];
                for (long[] v : vals) {
                    if (v[0] == t) {
                        counts[(int) v[1]]++;
                    }
                }
                tierSmRoots.add(writeDiskSpaceMap("tier" + t, counts));
            }
        }
        // Metadata ref-count tree for counts of 3 and more; its own nodes count 1 and never overflow.
        List<Long> overflowKeys = new ArrayList<>();
        for (int b = 0; b < deviceBlocks; b++) {
            if (metaRefs[b] >= 3) {
                overflowKeys.add((long) b);
            }
        }
        long metaRcRoot = buildTree("meta-rc", overflowKeys, 4,
                (b, off, i) -> Le.put32(b, off, (int) metaRefs[(int) (long) overflowKeys.get(i)]));
        metaRefs[(int) metaRcRoot]++;
        long metaAllocated = Arrays.stream(metaRefs).filter(c -> c > 0).count();
        writeBitmaps(metaBitmaps, metaRefs);
        byte[] ib = new byte[bs];
        Le.put64(ib, 8, index);
        for (int i = 0; i < nMetaBitmaps; i++) {
            Le.put64(ib, 16 + 16 * i, metaBitmaps[i]);
            Le.put32(ib, 16 + 16 * i + 8, (int) free(metaRefs, i * perBitmap, perBitmap));
        }
        put(index, ib, MetadataChecksum.INDEX_SALT);
        placed.computeIfAbsent("meta-index", k -> new ArrayList<>()).add(index);

        byte[] sb = new byte[bs];
        Le.put32(sb, 4, spec.flags);
        Le.put64(sb, 32, ThinSuperblock.MAGIC);
        Le.put32(sb, 40, spec.version);
        Le.put32(sb, 44, (int) spec.time);
        Le.put64(sb, 48, spec.transactionId);
        putRoot(sb, 64, spec.nrDataBlocks, Arrays.stream(dataCounts).filter(c -> c > 0).count(), dataSmRoot);
        putRoot(sb, 192, deviceBlocks, metaAllocated, new long[] {index, metaRcRoot});
        int[] tierOffsets = {104, 144, 232};
        for (int t = 0; t < tierSmRoots.size(); t++) {
            putRoot(sb, tierOffsets[t], spec.tierSizesInTierBlocks[t], tierSmRoots.get(t)[2], tierSmRoots.get(t));
        }
        Le.put64(sb, 320, topRoot);
        Le.put64(sb, 328, detailsRoot);
        Le.put32(sb, 336, (int) spec.dataBlockSizeSectors);
        Le.put32(sb, 340, bs / 512);
        Le.put64(sb, 344, deviceBlocks);
        if (spec.qnap) {
            Le.put64(sb, 364, spec.backupId);
            if (tierRoot != 0) {
                Le.put32(sb, 388, spec.tierSizesInTierBlocks.length);
                Le.put64(sb, 392, tierRoot);
                Le.put32(sb, 400, (int) spec.tierBlockSizeSectors);
            }
        }
        for (int k = 1; k <= spec.backupCount; k++) {
            byte[] copy = sb.clone();
            long loc = deviceBlocks - k;
            Le.put64(copy, 8, loc);
            Le.put64(copy, 364, spec.backupId - (k - 1));
            put(loc, copy, MetadataChecksum.SUPERBLOCK_SALT);
        }
        for (int k = spec.backupCount + 1; spec.qnap && spec.placeholderSlots && k <= ThinMetadata.BACKUP_SLOTS; k++) {
            put(deviceBlocks - k, placeholder(deviceBlocks - k), MetadataChecksum.SUPERBLOCK_SALT);
        }
        put(0, sb, MetadataChecksum.SUPERBLOCK_SALT);
    }

    /**
     * What QNAP's kernel writes into every backup slot when it formats a pool (__write_initial_sb_backups): a zeroed
     * block with the superblock magic, its own block number and a valid checksum; version 0.
     */
    byte[] placeholder(long loc) {
        byte[] b = new byte[bs];
        Le.put64(b, 8, loc);
        Le.put64(b, 32, ThinSuperblock.MAGIC);
        Le.put32(b, 0, MetadataChecksum.compute(b, MetadataChecksum.SUPERBLOCK_SALT));
        return b;
    }

    private static void putRoot(byte[] sb, int off, long nrBlocks, long allocated, long[] roots) {
        Le.put64(sb, off, nrBlocks);
        Le.put64(sb, off + 8, allocated);
        Le.put64(sb, off + 16, roots[0]);
        Le.put64(sb, off + 24, roots[1]);
    }

    /** A data-style space map: btree of index entries, bitmaps, overflow tree; returns {indexRoot, rcRoot, allocated}. */
    private long[] writeDiskSpaceMap(String name, long[] counts) {
        long perBitmap = SpaceMap.entriesPerBitmap(bs);
        int n = (int) ((counts.length + perBitmap - 1) / perBitmap);
        long[] bitmaps = new long[n];
        for (int i = 0; i < n; i++) {
            bitmaps[i] = allocate();
            metaRefs[(int) bitmaps[i]] = 1;
        }
        writeBitmaps(bitmaps, counts);
        placed.computeIfAbsent(name + "-bitmap", k -> new ArrayList<>()).addAll(Arrays.stream(bitmaps).boxed().toList());
        List<Long> keys = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            keys.add(i);
        }
        long root = buildTree(name + "-index", keys, 16, (b, off, i) -> {
            Le.put64(b, off, bitmaps[i]);
            Le.put32(b, off + 8, (int) free(counts, i * perBitmap, perBitmap));
        });
        metaRefs[(int) root]++;
        List<Long> over = new ArrayList<>();
        for (int b = 0; b < counts.length; b++) {
            if (counts[b] >= 3) {
                over.add((long) b);
            }
        }
        long rc = buildTree(name + "-rc", over, 4, (b, off, i) -> Le.put32(b, off, (int) counts[(int) (long) over.get(i)]));
        metaRefs[(int) rc]++;
        return new long[] {root, rc, Arrays.stream(counts).filter(c -> c > 0).count()};
    }

    private static long free(long[] counts, long from, long n) {
        long f = 0;
        for (long b = from; b < Math.min(counts.length, from + n); b++) {
            if (counts[(int) b] == 0) {
                f++;
            }
        }
        return f;
    }

    private void writeBitmaps(long[] bitmaps, long[] counts) {
        long perBitmap = SpaceMap.entriesPerBitmap(bs);
        for (int i = 0; i < bitmaps.length; i++) {
            byte[] b = new byte[bs];
            Le.put64(b, 8, bitmaps[i]);
            for (long e = 0; e < perBitmap && i * perBitmap + e < counts.length; e++) {
                long c = Math.min(3, counts[(int) (i * perBitmap + e)]);
                int word = 16 + (int) (e / 32) * 8;
                int bit = (int) (e % 32) * 2;
                long w = Le.u64(b, word);
                // bit 2i holds the high bit of the count, bit 2i+1 the low bit
                w |= ((c >>> 1) & 1) << bit | (c & 1) << (bit + 1);
                Le.put64(b, word, w);
            }
            put(bitmaps[i], b, MetadataChecksum.BITMAP_SALT);
        }
    }

    /** Builds a btree over ascending {@code keys} bottom-up; returns the root block (reference not counted). */
    private long buildTree(String role, List<Long> keys, int valueSize, ValueWriter values) {
        int maxLeaf = 3 * (((bs - 32) / (8 + valueSize)) / 3);
        int maxInternal = 3 * (((bs - 32) / 16) / 3);
        int perLeaf = Math.max(1, (int) (maxLeaf * spec.fill));
        int perInternal = Math.max(2, (int) (maxInternal * spec.fill));
        List<long[]> level = new ArrayList<>();
        int nKeys = keys.size();
        int[] leafBounds = split(nKeys, perLeaf, maxLeaf / 3);
        for (int li = 0; li + 1 < leafBounds.length; li++) {
            int start = leafBounds[li];
            int end = leafBounds[li + 1];
            long blockNr = allocate();
            byte[] b = nodeHeader(blockNr, BTreeNode.LEAF, end - start, maxLeaf, valueSize);
            for (int i = start; i < end; i++) {
                Le.put64(b, 32 + 8 * (i - start), keys.get(i));
                values.write(b, 32 + 8 * maxLeaf + valueSize * (i - start), i);
            }
            put(blockNr, b, MetadataChecksum.BTREE_NODE_SALT);
            placed.computeIfAbsent(role + "-leaf", k -> new ArrayList<>()).add(blockNr);
            level.add(new long[] {nKeys == 0 ? 0 : keys.get(start), blockNr});
        }
        while (level.size() > 1) {
            List<long[]> up = new ArrayList<>();
            int[] bounds = split(level.size(), perInternal, maxInternal / 3);
            for (int bi = 0; bi + 1 < bounds.length; bi++) {
                int start = bounds[bi];
                int end = bounds[bi + 1];
                long blockNr = allocate();
                byte[] b = nodeHeader(blockNr, BTreeNode.INTERNAL, end - start, maxInternal, 8);
                for (int i = start; i < end; i++) {
                    Le.put64(b, 32 + 8 * (i - start), level.get(i)[0]);
                    Le.put64(b, 32 + 8 * maxInternal + 8 * (i - start), level.get(i)[1]);
                    metaRefs[(int) level.get(i)[1]]++;
                }
                put(blockNr, b, MetadataChecksum.BTREE_NODE_SALT);
                placed.computeIfAbsent(role + "-internal", k -> new ArrayList<>()).add(blockNr);
                up.add(new long[] {level.get(start)[0], blockNr});
            }
            level = up;
        }
        return level.get(0)[1];
    }

    /**
     * Cuts {@code n} entries into nodes of about {@code per} entries, evenly, never below the kernel's minimum of
     * a third of max_entries per non-root node; returns the start indexes plus n (one node when n is 0).
     */
    private static int[] split(int n, int per, int min) {
        int k = Math.max(1, (n + per - 1) / per);
        if (k > 1) {
            k = Math.max(1, Math.min(k, n / Math.max(1, min)));
        }
        int[] bounds = new int[k + 1];
        for (int i = 0; i <= k; i++) {
            bounds[i] = (int) ((long) n * i / k);
        }
        return bounds;
    }

    private byte[] nodeHeader(long blockNr, int flags, int nr, int max, int valueSize) {
        byte[] b = new byte[bs];
        Le.put32(b, 4, flags);
        Le.put64(b, 8, blockNr);
        Le.put32(b, 16, nr);
        Le.put32(b, 20, max);
        Le.put32(b, 24, valueSize);
        return b;
    }

    private void put(long blockNr, byte[] block, int salt) {
        Le.put32(block, 0, MetadataChecksum.compute(block, salt));
        System.arraycopy(block, 0, image, (int) (blockNr * bs), bs);
    }
}
