package io.qrescue.recovery.stack.thin;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.recovery.source.ByteArraySource;
import io.qrescue.recovery.source.Extent;
import io.qrescue.recovery.source.ExtentMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** QNAP's metadata layout, built by the test writer from the format document, read like the upstream equivalent. */
class QnapLayoutTest {

    @ParameterizedTest
    @CsvSource({"1,8192,44", "2,8192,32", "3,4096,44", "4,8192,24"})
    void shouldGiveTheSameMappingsAsTheUpstreamLayout(long seed, int blockSize, int detailSize) {
        PoolSpec upstream = RandomPools.upstream(seed, 4000);
        ThinMetadata up = ThinMetadata.read(new ByteArraySource(TestMetadataWriter.write(upstream)));
        PoolSpec qnap = RandomPools.asQnap(RandomPools.upstream(seed, 4000), detailSize);
        qnap.blockSizeBytes = blockSize;
        qnap.version = detailSize == 32 ? 3 : 4;
        qnap.device(qnap.devices.lastKey()).snapOrigin = qnap.devices.firstKey();
        ThinMetadata q = ThinMetadata.read(new ByteArraySource(TestMetadataWriter.write(qnap)));

        assertThat(up.findings()).isEmpty();
        assertThat(q.findings()).isEmpty();
        assertThat(q.blockSizeBytes()).isEqualTo(blockSize);
        assertThat(q.superblock().isQnap()).isTrue();
        assertThat(q.superblock().flags()).isEqualTo(0xC000_0000);
        assertThat(q.superblock().hasBackups()).isTrue();
        assertThat(q.superblock().needsCheck()).isFalse();
        assertThat(q.backups()).extracting(ThinSuperblock::blockNr)
                .containsExactlyInAnyOrder(qnap.metadataBlocks - 1, qnap.metadataBlocks - 2, qnap.metadataBlocks - 3);
        assertThat(q.deviceRoots().keySet()).isEqualTo(up.deviceRoots().keySet());
        for (long dev : up.deviceRoots().keySet()) {
            assertThat(q.poolDataMap(dev).extents()).isEqualTo(up.poolDataMap(dev).extents());
            TreeMap<Long, long[]> a = new TreeMap<>();
            up.forEachMapping(dev, (v, d, t) -> a.put(v, new long[] {d, t & 0x3F_FFFFL}));
            TreeMap<Long, long[]> b = new TreeMap<>();
            q.forEachMapping(dev, (v, d, t) -> b.put(v, new long[] {d, t}));
            ThinRestoreOracleTest.assertSameMappings(b, a);
            DeviceDetails dd = q.deviceDetails().get(dev);
            assertThat(dd.valueSizeBytes()).isEqualTo(detailSize);
            assertThat(dd.mappedBlocks()).isEqualTo(up.deviceDetails().get(dev).mappedBlocks());
            assertThat(dd.creationTime()).isEqualTo(up.deviceDetails().get(dev).creationTime());
            if (detailSize > 24) {
                assertThat(dd.isSnapshot()).isEqualTo(dev == qnap.devices.lastKey());
            }
        }
        // Every backup slot is live and allocated; the space maps agree with reachability.
        assertThat(q.liveBlocks().rolesOf(qnap.metadataBlocks - 128)).extracting(BlockRole::kind)
                .containsExactly(BlockKind.SUPERBLOCK_BACKUP);
        Map<Long, Long> counted = new TreeMap<>();
        q.metadataSpaceMap().forEachInUse(counted::put);
        assertThat(counted.keySet()).isEqualTo(q.liveBlocks().all().keySet());
        Map<Long, Long> data = new TreeMap<>();
        q.dataSpaceMap().forEachInUse(data::put);
        assertThat(data).isEqualTo(qnap.expectedDataRefCounts());
    }

    @Test
    void shouldFallBackToTheNewestBackupWhenTheSuperblockIsDamaged() {
        PoolSpec qnap = RandomPools.asQnap(RandomPools.upstream(5, 2000), 44);
        qnap.backupId = 40;
        byte[] image = TestMetadataWriter.write(qnap);
        image[100] ^= 0x10;
        ThinMetadata md = ThinMetadata.read(new ByteArraySource(image));
        assertThat(md.superblock().blockNr()).isEqualTo(qnap.metadataBlocks - 1);
        assertThat(md.superblock().backupId()).isEqualTo(40);
        assertThat(md.findings()).first().satisfies(f -> {
            assertThat(f.structure()).isEqualTo("thin superblock");
            assertThat(f.offsetBytes()).isZero();
            assertThat(f.problem()).contains("newest backup at block " + (qnap.metadataBlocks - 1));
        });
        for (long dev : qnap.devices.keySet()) {
            assertThat(md.runs(dev).mappedBlocks()).isEqualTo(qnap.mappingsOf(dev).size());
        }
    }

    @Test
    void shouldChooseTheNewestBackupByItsIdWhicheverSlotHoldsIt() {
        PoolSpec qnap = RandomPools.asQnap(RandomPools.upstream(5, 2000), 44);
        qnap.backupId = 40;
        byte[] image = TestMetadataWriter.write(qnap);
        int bs = qnap.blockSizeBytes;
        long last = qnap.metadataBlocks - 1;
        // QNAP's kernel writes its backups round the slots: here the newest (40) sits below an older one (39)
        byte[] newest = java.util.Arrays.copyOfRange(image, (int) (last * bs), (int) ((last + 1) * bs));
        byte[] older = java.util.Arrays.copyOfRange(image, (int) ((last - 1) * bs), (int) (last * bs));
        placeAt(image, older, last, bs);
        placeAt(image, newest, last - 1, bs);
        image[100] ^= 0x10;
        ThinMetadata md = ThinMetadata.read(new ByteArraySource(image));
        assertThat(md.superblock().blockNr()).isEqualTo(last - 1);
        assertThat(md.superblock().backupId()).isEqualTo(40);
        assertThat(md.findings()).first().satisfies(f -> assertThat(f.problem())
                .contains("newest backup at block " + (last - 1) + " (backup_id 40)"));
        for (long dev : qnap.devices.keySet()) {
            assertThat(md.runs(dev).mappedBlocks()).isEqualTo(qnap.mappingsOf(dev).size());
        }
    }

    /** A superblock copy written into block {@code loc}: its own block number and checksum set for that slot. */
    private static void placeAt(byte[] image, byte[] copy, long loc, int bs) {
        byte[] b = copy.clone();
        Le.put64(b, 8, loc);
        Le.put32(b, 0, MetadataChecksum.compute(b, MetadataChecksum.SUPERBLOCK_SALT));
        System.arraycopy(b, 0, image, (int) (loc * bs), bs);
    }

    @Test
    void shouldShareASnapshotTreeWithItsOrigin() {
        PoolSpec p = RandomPools.asQnap(RandomPools.upstream(6, 3000), 44);
        long origin = p.devices.firstKey();
        PoolSpec.Device snap = p.device(p.devices.lastKey() + 1);
        snap.sharesTreeOf = origin;
        snap.snapOrigin = origin;
        ThinMetadata md = ThinMetadata.read(new ByteArraySource(TestMetadataWriter.write(p)));
        assertThat(md.findings()).isEmpty();
        long root = md.deviceRoots().get(origin);
        assertThat(md.deviceRoots().get(snap.id)).isEqualTo(root);
        assertThat(md.liveBlocks().referencesTo(root)).isEqualTo(2);
        assertThat(md.metadataSpaceMap().refCount(root)).isEqualTo(2);
        assertThat(md.liveBlocks().rolesOf(root)).extracting(BlockRole::deviceId).containsExactly(origin, snap.id);
        assertThat(md.poolDataMap(snap.id).extents()).isEqualTo(md.poolDataMap(origin).extents());
        assertThat(DataReverseMap.of(md).volumesAt(0, p.nrDataBlocks * md.dataBlockSizeBytes()))
                .extracting(VolumeRange::deviceId).contains(origin, snap.id);
    }

    @Test
    void shouldTranslatePoolAddressesThroughTheTierTable() {
        PoolSpec p = RandomPools.asQnap(RandomPools.upstream(7, 3000), 44);
        p.dataBlockSizeSectors = 128;
        long blocksPerTierBlock = p.tierBlockSizeSectors / p.dataBlockSizeSectors;
        long poolTierBlocks = (p.nrDataBlocks + blocksPerTierBlock - 1) / blocksPerTierBlock;
        p.tierSizesInTierBlocks = new long[] {poolTierBlocks, poolTierBlocks, poolTierBlocks};
        Random r = new Random(7);
        int[] nextTb = new int[3];
        for (long t = 0; t < poolTierBlocks; t++) {
            if (r.nextInt(4) != 0) {
                int tier = r.nextInt(3);
                p.tierEntries.put(t, new long[] {tier, nextTb[tier]++});
            }
        }
        ThinMetadata md = ThinMetadata.read(new ByteArraySource(TestMetadataWriter.write(p)));
        assertThat(md.findings()).isEmpty();
        assertThat(md.superblock().isTiered()).isTrue();
        assertThat(md.tierSpaceMaps()).hasSize(3);
        assertThat(md.liveBlocks().all().values().stream().flatMap(List::stream).map(BlockRole::kind))
                .contains(BlockKind.TIER_MAPPING_NODE, BlockKind.TIER_SM_BITMAP, BlockKind.TIER_SM_INDEX_NODE);
        TierMap tiers = md.tierMap();
        assertThat(tiers.tierBlockSizeBytes()).isEqualTo(4L << 20);
        long dbs = md.dataBlockSizeBytes();
        long tbs = tiers.tierBlockSizeBytes();
        int bypass = 2;
        for (long dev : p.devices.keySet()) {
            Map<Integer, ExtentMap> split = tiers.split(md.poolDataMap(dev), bypass);
            for (Map.Entry<Long, long[]> m : p.mappingsOf(dev).entrySet()) {
                long pool = m.getValue()[0] * dbs;
                long[] entry = p.tierEntries.get(pool / tbs);
                int tier = entry == null ? bypass : (int) entry[0];
                long expected = entry == null ? pool : entry[1] * tbs + pool % tbs;
                for (int t = 0; t < 3; t++) {
                    List<Extent> at = split.containsKey(t) ? split.get(t).lookup(m.getKey() * dbs, 1) : List.of();
                    if (t == tier) {
                        assertThat(at).containsExactly(new Extent(m.getKey() * dbs, 1, expected));
                    } else {
                        assertThat(at).allMatch(Extent::isHole);
                    }
                }
                assertThat(tiers.toPool(tier, expected, dbs, bypass)).anySatisfy(piece -> {
                    assertThat(piece[0]).isEqualTo(pool);
                    assertThat(piece[1]).isEqualTo(dbs);
                });
            }
        }
    }
}
