package io.qrescue.recovery.stack.thin;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.recovery.source.ByteArraySource;
import io.qrescue.recovery.source.FileImageSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Real upstream metadata from thin_restore, read by us and compared with thin_dump / thin_rmap block for block. */
@Tag("integration")
class ThinRestoreOracleTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void tools() {
        HostTools.assumeInstalled("thin_restore");
        HostTools.assumeInstalled("thin_dump");
        HostTools.assumeInstalled("thin_rmap");
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void shouldReadEveryMappingDetailAndRefCountLikeThinDump(long seed) throws Exception {
        PoolSpec spec = RandomPools.upstream(seed, 3000 + (int) (seed * 700));
        Path meta = HostTools.restore(dir, spec.toXml(), spec.metadataBlocks);
        ThinDumpXml dump = ThinDumpXml.parse(HostTools.ok("thin_dump", meta.toString()));
        try (FileImageSource src = FileImageSource.open(meta)) {
            ThinMetadata md = ThinMetadata.read(src);
            assertThat(md.findings()).isEmpty();
            assertThat(md.blockSizeBytes()).isEqualTo(4096);
            ThinSuperblock sb = md.superblock();
            assertThat(sb.transactionId()).isEqualTo(Long.parseLong(dump.superblock.get("transaction")));
            assertThat(sb.time()).isEqualTo(Long.parseLong(dump.superblock.get("time")));
            assertThat(sb.dataBlockSizeSectors()).isEqualTo(Long.parseLong(dump.superblock.get("data_block_size")));
            assertThat(sb.dataSpaceMap().nrBlocks()).isEqualTo(Long.parseLong(dump.superblock.get("nr_data_blocks")));
            assertThat(md.deviceDetails().keySet()).containsExactlyElementsOf(dump.devices.keySet());
            for (Map.Entry<Long, Map<String, String>> e : dump.devices.entrySet()) {
                DeviceDetails d = md.deviceDetails().get(e.getKey());
                assertThat(d.mappedBlocks()).isEqualTo(Long.parseLong(e.getValue().get("mapped_blocks")));
                assertThat(d.transactionId()).isEqualTo(Long.parseLong(e.getValue().get("transaction")));
                assertThat(d.creationTime()).isEqualTo(Long.parseLong(e.getValue().get("creation_time")));
                assertThat(d.snapshottedTime()).isEqualTo(Long.parseLong(e.getValue().get("snap_time")));
                assertThat(d.valueSizeBytes()).isEqualTo(24);
                TreeMap<Long, long[]> ours = new TreeMap<>();
                md.forEachMapping(e.getKey(), (v, data, time) -> ours.put(v, new long[] {data, time}));
                assertSameMappings(ours, dump.mappings.get(e.getKey()));
            }
            // Data space map against the counts thin_dump's mappings imply (no tree sharing after thin_restore).
            Map<Long, Long> expected = new TreeMap<>();
            dump.mappings.values().forEach(m -> m.values().forEach(v -> expected.merge(v[0], 1L, Long::sum)));
            Map<Long, Long> counted = new TreeMap<>();
            md.dataSpaceMap().forEachInUse(counted::put);
            assertThat(counted).isEqualTo(expected);
            assertThat(expected.values()).as("snapshots of snapshots overflow into the ref-count tree")
                    .contains(1L, 2L);
            // Metadata space map: exactly the live blocks, each counted as often as it is pointed to.
            Map<Long, Long> metaCounted = new TreeMap<>();
            md.metadataSpaceMap().forEachInUse(metaCounted::put);
            assertThat(metaCounted.keySet()).isEqualTo(md.liveBlocks().all().keySet());
            metaCounted.forEach((b, c) -> assertThat(c).as("count of metadata block " + b)
                    .isEqualTo(md.liveBlocks().referencesTo(b)));
            assertThat(md.liveBlocks().all().values().stream().flatMap(List::stream).map(BlockRole::kind))
                    .contains(BlockKind.DEVICE_INTERNAL, BlockKind.DEVICE_LEAF, BlockKind.TOP_LEVEL_LEAF,
                            BlockKind.DEVICE_DETAILS_NODE, BlockKind.METADATA_SM_INDEX, BlockKind.METADATA_SM_BITMAP,
                            BlockKind.DATA_SM_INDEX_NODE, BlockKind.DATA_SM_BITMAP, BlockKind.DATA_SM_REF_COUNT_NODE);
            // The same pool written by the test writer reads back identically.
            ThinMetadata again = ThinMetadata.read(new ByteArraySource(TestMetadataWriter.write(spec)));
            assertThat(again.findings()).isEmpty();
            for (long dev : dump.devices.keySet()) {
                TreeMap<Long, long[]> ours = new TreeMap<>();
                again.forEachMapping(dev, (v, data, time) -> ours.put(v, new long[] {data, time}));
                assertSameMappings(ours, dump.mappings.get(dev));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13})
    void shouldAnswerReverseQueriesLikeThinRmap(long seed) throws Exception {
        PoolSpec spec = RandomPools.upstream(seed, 4000);
        Path meta = HostTools.restore(dir, spec.toXml(), spec.metadataBlocks);
        try (FileImageSource src = FileImageSource.open(meta)) {
            ThinMetadata md = ThinMetadata.read(src);
            DataReverseMap reverse = DataReverseMap.of(md);
            long bs = md.dataBlockSizeBytes();
            Random r = new Random(seed);
            for (int q = 0; q < 12; q++) {
                long from = r.nextInt((int) spec.nrDataBlocks);
                long to = Math.min(spec.nrDataBlocks, from + 1 + r.nextInt(q % 3 == 0 ? 5000 : 50));
                String rmap = HostTools.ok("thin_rmap", "--region", from + ".." + to, meta.toString());
                assertThat(blocksOf(reverse.volumesAt(from * bs, (to - from) * bs), bs))
                        .as("region " + from + ".." + to).isEqualTo(blocksOfRmap(rmap));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {21, 22, 23})
    void shouldWriteUpstreamMetadataThatThinCheckAndThinDumpAccept(long seed) throws Exception {
        HostTools.assumeInstalled("thin_check");
        PoolSpec spec = RandomPools.upstream(seed, 2500);
        spec.fill = 0.5 + (seed % 3) * 0.2;
        Path meta = dir.resolve("written.meta");
        Files.write(meta, TestMetadataWriter.write(spec));
        HostTools.ok("thin_check", meta.toString());
        ThinDumpXml dump = ThinDumpXml.parse(HostTools.ok("thin_dump", meta.toString()));
        ThinDumpXml expected = ThinDumpXml.parse(spec.toXml());
        assertThat(dump.devices).isEqualTo(expected.devices);
        for (long dev : expected.mappings.keySet()) {
            assertSameMappings(dump.mappings.get(dev), expected.mappings.get(dev));
        }
    }

    static void assertSameMappings(TreeMap<Long, long[]> actual, TreeMap<Long, long[]> expected) {
        assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
        for (Map.Entry<Long, long[]> e : expected.entrySet()) {
            assertThat(actual.get(e.getKey())).as("virtual block " + e.getKey()).containsExactly(e.getValue());
        }
    }

    /** Sorted "dev:virtualBlock" strings of reverse-map answers. */
    private static List<String> blocksOf(List<VolumeRange> ranges, long bs) {
        List<String> out = new ArrayList<>();
        for (VolumeRange v : ranges) {
            for (long b = v.offsetBytes() / bs; b < v.endBytes() / bs; b++) {
                out.add(v.deviceId() + ":" + b);
            }
        }
        out.sort(null);
        return out;
    }

    private static final Pattern RMAP = Pattern.compile("data (\\d+)\\.\\.(\\d+) -> thin\\((\\d+)\\) (\\d+)\\.\\.(\\d+)");

    private static List<String> blocksOfRmap(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = RMAP.matcher(text);
        while (m.find()) {
            long v0 = Long.parseLong(m.group(4));
            long v1 = Long.parseLong(m.group(5));
            for (long b = v0; b < v1; b++) {
                out.add(m.group(3) + ":" + b);
            }
        }
        out.sort(null);
        return out;
    }
}
