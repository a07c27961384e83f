package io.qrescue.recovery.stack.thin;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.ThreadMXBean;
import io.qrescue.recovery.source.ByteArraySource;
import io.qrescue.recovery.source.ExtentMap;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Thousands of seeded corruptions of every structure (bit flips with and without a fixed-up checksum, bad child
 * pointers, cycles, huge counts, garbage superblock fields): reading and every query must finish without an
 * exception, allocate no more than a small multiple of the metadata size, and a block whose checksum no longer
 * matches must be named by a finding inside it.
 */
class ThinMetadataFuzzTest {

    private static final int CORRUPTIONS_PER_POOL = 500;

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3})
    @Timeout(120)
    void shouldSurviveSeededCorruptionsOfEveryStructure(int poolKind) {
        PoolSpec spec = pool(poolKind);
        byte[] original = TestMetadataWriter.write(spec);
        ThinMetadata intact = ThinMetadata.read(new ByteArraySource(original));
        assertThat(intact.findings()).isEmpty();
        int bs = intact.blockSizeBytes();
        List<Long> targets = new ArrayList<>(intact.liveBlocks().all().keySet());
        targets.removeIf(b -> intact.liveBlocks().rolesOf(b).get(0).kind() == BlockKind.SUPERBLOCK_BACKUP
                && intact.backups().stream().noneMatch(s -> s.blockNr() == b));
        ThreadMXBean mx = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        Random r = new Random(1000 + poolKind);
        int withFindings = 0;
        for (int i = 0; i < CORRUPTIONS_PER_POOL; i++) {
            byte[] image = original.clone();
            long block = r.nextInt(10) == 0 ? 0 : targets.get(r.nextInt(targets.size()));
            BlockKind kind = intact.liveBlocks().rolesOf(block).get(0).kind();
            int mode = r.nextInt(10);
            String what = corrupt(image, bs, block, kind, mode, r, targets);
            long before = mx.getCurrentThreadAllocatedBytes();
            ThinMetadata md = ThinMetadata.read(new ByteArraySource(image));
            exercise(md, r);
            long allocated = mx.getCurrentThreadAllocatedBytes() - before;
            assertThat(allocated).as(what).isLessThan(24L * image.length + (32L << 20));
            if (!md.findings().isEmpty()) {
                withFindings++;
            }
            boolean zeroed = java.util.Arrays.equals(java.util.Arrays.copyOfRange(image, (int) block * bs,
                    (int) block * bs + bs), new byte[bs]);
            if ((mode == 0 || mode == 7) && !(zeroed && kind == BlockKind.SUPERBLOCK_BACKUP)) {
                long lo = block * bs;
                assertThat(md.findings()).as(what).anySatisfy(f -> {
                    assertThat(f.offsetBytes()).isBetween(lo, lo + bs - 1);
                    assertThat(f.structure()).isNotBlank();
                });
            }
        }
        assertThat(withFindings).isGreaterThan(CORRUPTIONS_PER_POOL / 2);
    }

    static PoolSpec pool(int kind) {
        PoolSpec p = RandomPools.upstream(500 + kind, 1500);
        p.metadataBlocks = 600;
        p.fill = 0.4;
        if (kind >= 1) {
            RandomPools.asQnap(p, kind == 2 ? 32 : 44);
            p.metadataBlocks = 600;
        }
        if (kind == 2) {
            PoolSpec.Device snap = p.device(p.devices.lastKey() + 1);
            snap.sharesTreeOf = p.devices.firstKey();
        }
        if (kind == 3) {
            long perTier = p.tierBlockSizeSectors / p.dataBlockSizeSectors;
            long n = (p.nrDataBlocks + perTier - 1) / perTier;
            p.tierSizesInTierBlocks = new long[] {n, n};
            for (long t = 0; t < n; t += 2) {
                p.tierEntries.put(t, new long[] {t % 4 == 0 ? 0 : 1, t / 2});
            }
        }
        return p;
    }

    /** Applies corruption {@code mode} to {@code block}; returns a description for failure messages. */
    static String corrupt(byte[] image, int bs, long block, BlockKind kind, int mode, Random r,
            List<Long> targets) {
        int base = (int) (block * bs);
        boolean node = kind.name().contains("NODE") || kind.name().contains("INTERNAL") || kind.name().contains("LEAF");
        int at;
        switch (mode) {
            case 0, 1 -> {
                for (int n = 1 + r.nextInt(8), k = 0; k < n; k++) {
                    at = base + 4 + r.nextInt(bs - 4);
                    image[at] ^= (byte) (1 << r.nextInt(8));
                }
            }
            case 2 -> Le.put32(image, base + 16, node ? r.nextInt() : r.nextInt(1 << 20));
            case 3 -> Le.put32(image, base + (r.nextBoolean() ? 20 : 24), r.nextInt(1 << (1 + r.nextInt(30))));
            case 4 -> {
                int nr = Math.max(1, Math.min(Le.u32(image, base + 16), 200));
                int max = Math.max(1, Math.min(Le.u32(image, base + 20), 1000));
                long[] choices = {0, -1, r.nextLong(), 1L << 40, targets.get(r.nextInt(targets.size())), block};
                int off = 32 + 8 * max + 8 * r.nextInt(nr);
                if (base + off + 8 <= base + bs) {
                    Le.put64(image, base + off, choices[r.nextInt(choices.length)]);
                }
            }
            case 5 -> {
                // A cycle: point a child (or a space-map root) back at an ancestor or itself.
                int max = Math.max(1, Math.min(Le.u32(image, base + 20), 1000));
                int off = 32 + 8 * max;
                if (off + 8 <= bs) {
                    Le.put64(image, base + off, r.nextBoolean() ? block : Le.u64(image, 320));
                }
            }
            case 6 -> {
                int[] fields = {56, 64, 72, 80, 88, 192, 200, 208, 216, 320, 328, 336, 340, 344, 380, 388, 392, 400};
                int f = fields[r.nextInt(fields.length)];
                Le.put64(image, f, r.nextInt(3) == 0 ? -1L : r.nextLong() >>> r.nextInt(64));
                resum(image, bs, 0, BlockKind.SUPERBLOCK);
                return "superblock field @" + f;
            }
            case 7 -> {
                byte[] junk = new byte[bs];
                if (r.nextBoolean()) {
                    r.nextBytes(junk);
                }
                System.arraycopy(junk, 0, image, base, bs);
                return "block " + block + " (" + kind + ") overwritten";
            }
            case 8 -> {
                int nr = Math.min(Le.u32(image, base + 16), 500);
                if (nr >= 2) {
                    long k0 = Le.u64(image, base + 32);
                    Le.put64(image, base + 32, Le.u64(image, base + 40));
                    Le.put64(image, base + 40, k0);
                }
            }
            default -> Le.put64(image, base + 8, r.nextInt(1000));
        }
        if (mode != 0) {
            resum(image, bs, block, kind);
        }
        return "mode " + mode + " on block " + block + " (" + kind + ")";
    }

    private static void resum(byte[] image, int bs, long block, BlockKind kind) {
        int salt = switch (kind) {
            case SUPERBLOCK, SUPERBLOCK_BACKUP, HELD_SUPERBLOCK -> MetadataChecksum.SUPERBLOCK_SALT;
            case METADATA_SM_INDEX -> MetadataChecksum.INDEX_SALT;
            case METADATA_SM_BITMAP, DATA_SM_BITMAP, TIER_SM_BITMAP -> MetadataChecksum.BITMAP_SALT;
            default -> MetadataChecksum.BTREE_NODE_SALT;
        };
        byte[] b = new byte[bs];
        System.arraycopy(image, (int) (block * bs), b, 0, bs);
        Le.put32(b, 0, MetadataChecksum.compute(b, salt));
        System.arraycopy(b, 0, image, (int) (block * bs), 4);
    }

    /** Every query the analyze step makes. */
    private static void exercise(ThinMetadata md, Random r) {
        if (!md.hasSuperblock()) {
            return;
        }
        for (long dev : md.deviceRoots().keySet()) {
            md.forEachMapping(dev, (v, d, t) -> { });
            ExtentMap m = md.poolDataMap(dev);
            md.poolDataMap(dev, md.runs(dev).endBlock() * md.dataBlockSizeBytes() / 2);
            if (md.tierMap() != null) {
                md.tierMap().split(m, r.nextInt(3) - 1);
            }
        }
        DataReverseMap.of(md).volumesAt(r.nextInt(1 << 30), 1 + r.nextInt(1 << 26));
        MetadataDamage damage = new MetadataDamage(md);
        damage.assess(List.of(new TmetaRange(r.nextInt((int) Math.max(1, md.deviceBlocks())) * (long) md.blockSizeBytes(),
                1 + r.nextInt(1 << 20)), new TmetaRange(0, 512)));
        damage.volumesAtTier(r.nextInt(3), r.nextInt(1 << 30), 1 << 20, 0);
        for (SpaceMap sm : new SpaceMap[] {md.dataSpaceMap(), md.metadataSpaceMap()}) {
            if (sm != null) {
                sm.forEachInUse((b, c) -> { });
                sm.refCount(r.nextInt(100_000));
            }
        }
        md.tierSpaceMaps().forEach(sm -> sm.forEachInUse((b, c) -> { }));
        for (Map.Entry<Long, DeviceDetails> e : md.deviceDetails().entrySet()) {
            e.getValue().isSnapshot();
        }
        md.findings();
    }
}
