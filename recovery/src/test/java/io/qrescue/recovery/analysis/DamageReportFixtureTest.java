package io.qrescue.recovery.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.recovery.source.FileImageSource;
import io.qrescue.recovery.source.Readability;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad ranges on chosen structures of the md10-single fixture (and of both md10-raid1 members): the report names the
 * structure, the volumes and the volume ranges that thin_dump's XML and the raw on-disk layout say are there.
 */
class DamageReportFixtureTest {

    @TempDir
    java.nio.file.Path dir;

    private FixtureOracle oracle;
    private List<FileImageSource> sources;
    private StackAnalysis analysis;
    private RawThinNodes raw;

    @BeforeEach
    void open() throws Exception {
        oracle = new FixtureOracle("md10-single");
        sources = StackAnalysisFixtureTest.open("md10-single", dir);
        analysis = StackAnalysisFixtureTest.analyze(sources);
        raw = new RawThinNodes(sources.get(0), oracle::tmetaImageOffset);
    }

    @AfterEach
    void close() throws Exception {
        for (FileImageSource s : sources) {
            s.close();
        }
    }

    private DamageReport report(long[]... bad) {
        return DamageReport.of(analysis, List.of(DamageFixtures.badAt(FixtureOracle.IMAGE_BYTES, bad)));
    }

    private static List<Impact> impacts(DamageReport r) {
        assertThat(r.regions()).isNotEmpty();
        List<Impact> out = new ArrayList<>();
        r.regions().forEach(x -> out.addAll(x.impacts()));
        return out;
    }

    /** Lost bytes [0, (last mapped block + 1) * bs) of each device as the XML says. */
    private Map<String, long[]> wholeDevices(Set<Long> devices) {
        Map<String, long[]> out = new TreeMap<>();
        for (Map.Entry<String, Long> t : oracle.thinIds.entrySet()) {
            if (devices.contains(t.getValue())) {
                long end = (oracle.mappings.get(t.getValue()).lastKey() + 1) * oracle.dataBlockBytes;
                out.put("vg1/" + t.getKey(), new long[] {0, end});
            }
        }
        return out;
    }

    private static Map<String, long[]> lostRanges(List<Impact> impacts) {
        Map<String, long[]> out = new TreeMap<>();
        for (Impact i : impacts) {
            if (i.volume() != null) {
                out.put(i.volume(), new long[] {i.volumeOffsetBytes(), i.volumeOffsetBytes() + i.volumeLengthBytes()});
            }
        }
        return out;
    }

    @Test
    void shouldLoseEveryVolumeWhenTheThinSuperblockIsUnreadableAndNoBackupExists() throws Exception {
        long at = oracle.tmetaImageOffset(0);
        DamageReport r = report(new long[] {at, 512});
        List<Impact> impacts = impacts(r);
        assertThat(impacts).allMatch(i -> i.kind().equals("thin-metadata") && i.structure().contains("superblock")
                && i.lost() && i.offsetBytes() == at && i.lengthBytes() == 512);
        assertThat(lostRanges(impacts)).containsExactlyInAnyOrderEntriesOf(wholeDevices(oracle.mappings.keySet()));
        for (VolumeHealth h : r.volumes()) {
            assertThat(h.readableBytes()).as(h.volume()).isLessThan(h.sizeBytes());
            assertThat(h.readableMappedBytes()).as(h.volume()).isZero();
        }
    }

    @Test
    void shouldLoseExactlyTheDevicesWhoseMappingLeafIsUnreadable() throws Exception {
        long leaf = raw.deviceRoot(1);
        assertThat(raw.flags(leaf)).isEqualTo(RawThinNodes.LEAF);
        Set<Long> sharing = new TreeSet<>();
        for (long dev : oracle.mappings.keySet()) {
            if (raw.deviceRoot(dev) == leaf) {
                sharing.add(dev);
            }
        }
        long at = raw.imageOffsetOfBlock(leaf) + 1024;
        DamageReport r = report(new long[] {at, 2048});
        List<Impact> impacts = impacts(r);
        assertThat(impacts).allMatch(i -> i.kind().equals("thin-metadata") && i.structure().contains("mapping leaf")
                && i.lost() && i.offsetBytes() == at && i.lengthBytes() == 2048);
        assertThat(lostRanges(impacts)).containsExactlyInAnyOrderEntriesOf(wholeDevices(sharing));
        VolumeHealth lv1 = r.volume("vg1/lv1");
        assertThat(lv1.readableMappedBytes()).isZero();
        assertThat(lv1.metadataLostBytes()).isEqualTo(wholeDevices(Set.of(1L)).get("vg1/lv1")[1]);
        assertThat(r.volume("vg1/lv2").readableBytes()).isEqualTo(r.volume("vg1/lv2").sizeBytes());
    }

    @Test
    void shouldCallASpaceMapBitmapAccountingOnly() throws Exception {
        long bitmap = raw.firstMetadataBitmap();
        long at = raw.imageOffsetOfBlock(bitmap);
        DamageReport r = report(new long[] {at, 4096});
        List<Impact> impacts = impacts(r);
        assertThat(impacts).singleElement().satisfies(i -> {
            assertThat(i.kind()).isEqualTo("thin-metadata");
            assertThat(i.structure()).contains("tmeta block " + bitmap, "metadata space-map bitmap");
            assertThat(i.lost()).isFalse();
            assertThat(i.volume()).isNull();
        });
        assertThat(r.volumes()).allMatch(h -> h.readableBytes() == h.sizeBytes());
    }

    @Test
    void shouldNameEveryVolumeSharingADamagedDataBlockAtItsOffset() {
        // a block both lv1 and its snapshot map (written before the snapshot), and one only lv2 maps
        Map<Long, List<String>> users = new TreeMap<>();
        oracle.mappings.forEach((dev, m) -> m.forEach((vb, db) -> users.computeIfAbsent(db, k -> new ArrayList<>())
                .add(dev + ":" + vb)));
        long shared = users.entrySet().stream().filter(e -> e.getValue().size() > 1).findFirst().orElseThrow().getKey();
        long bs = oracle.dataBlockBytes;
        long at = oracle.dataBlockImageOffset(shared) + 512;
        DamageReport r = report(new long[] {at, 4096});
        List<Impact> impacts = impacts(r);
        assertThat(impacts).allMatch(i -> i.kind().equals("thin-data") && i.lost() && i.offsetBytes() == at);
        Set<String> expected = new TreeSet<>();
        for (String u : users.get(shared)) {
            long dev = Long.parseLong(u.split(":")[0]);
            long vb = Long.parseLong(u.split(":")[1]);
            String name = oracle.thinIds.entrySet().stream().filter(t -> t.getValue() == dev).findFirst().orElseThrow()
                    .getKey();
            expected.add("vg1/" + name + "@" + (vb * bs + 512) + "+4096");
        }
        Set<String> reported = impacts.stream().map(i -> i.volume() + "@" + i.volumeOffsetBytes() + "+"
                + i.volumeLengthBytes()).collect(Collectors.toCollection(TreeSet::new));
        assertThat(reported).isEqualTo(expected);
        assertThat(expected).hasSizeGreaterThan(1);
        for (Impact i : impacts) {
            assertThat(r.volume(i.volume()).dataLostBytes()).as(i.volume()).isEqualTo(4096);
        }
    }

    @Test
    void shouldCallFreePoolBlocksAndSpaceOutsidePartitionsFree() {
        Set<Long> used = new TreeSet<>();
        oracle.mappings.values().forEach(m -> used.addAll(m.values()));
        long free = 0;
        while (used.contains(free)) {
            free++;
        }
        long freeAt = oracle.dataBlockImageOffset(free);
        long gapAt = 34 * 512; // between the primary GPT and partition 1 (LBA 40)
        DamageReport r = report(new long[] {gapAt, 6 * 512}, new long[] {freeAt, oracle.dataBlockBytes});
        assertThat(r.regions()).hasSize(2);
        assertThat(r.regions().get(0).impacts()).singleElement().satisfies(i -> {
            assertThat(i.kind()).isEqualTo("outside-partitions");
            assertThat(i.lost()).isFalse();
            assertThat(i.cost()).startsWith("nothing");
        });
        assertThat(r.regions().get(1).impacts()).singleElement().satisfies(i -> {
            assertThat(i.kind()).isEqualTo("free-pool-blocks");
            assertThat(i.offsetBytes()).isEqualTo(freeAt);
            assertThat(i.lengthBytes()).isEqualTo(oracle.dataBlockBytes);
            assertThat(i.lost()).isFalse();
        });
        assertThat(r.volumes()).allMatch(h -> h.readableBytes() == h.sizeBytes());
    }

    @Test
    void shouldListEachStructureOfARegionWithItsOwnSubRange() {
        // one region from the LVM label sector into the metadata area header
        long pv = oracle.pvImageOffset;
        DamageReport r = report(new long[] {pv + 512, 4096});
        List<Impact> impacts = impacts(r);
        assertThat(impacts).extracting(Impact::kind).containsExactly("lvm-label", "pv-unused", "lvm-mda-header");
        assertThat(impacts.get(0).offsetBytes()).isEqualTo(pv + 512);
        assertThat(impacts.get(0).lengthBytes()).isEqualTo(512);
        assertThat(impacts.get(2).offsetBytes()).isEqualTo(pv + 4096);
        assertThat(impacts.get(2).lengthBytes()).isEqualTo(512);
        assertThat(impacts.get(0).lost()).isTrue(); // one PV, one member: no other label
        assertThat(impacts.get(2).lost()).isTrue();
    }

    @Test
    void shouldKeepThePrimaryGptLossFreeWhileTheBackupIsReadable() {
        DamageReport r = report(new long[] {512, 512});
        assertThat(impacts(r)).singleElement().satisfies(i -> {
            assertThat(i.kind()).isEqualTo("partition-table");
            assertThat(i.lost()).isFalse();
            assertThat(i.cost()).contains("backup GPT");
        });
        DamageReport both = report(new long[] {512, 512}, new long[] {FixtureOracle.IMAGE_BYTES - 33 * 512, 512});
        assertThat(impacts(both)).allMatch(i -> i.kind().equals("partition-table") && i.lost());
    }

    @Test
    void shouldSaveRaid1BytesThatTheOtherMemberStillHolds() throws Exception {
        FixtureOracle o = new FixtureOracle("md10-raid1");
        List<FileImageSource> members = StackAnalysisFixtureTest.open("md10-raid1", dir);
        try {
            StackAnalysis a = StackAnalysisFixtureTest.analyze(members);
            long sb = o.tmetaImageOffset(0);
            long data = o.dataBlockImageOffset(o.mappings.get(1L).firstEntry().getValue());
            Readability bad = DamageFixtures.badAt(FixtureOracle.IMAGE_BYTES, new long[] {sb, 4096},
                    new long[] {data, 4096});
            DamageReport onlyA = DamageReport.of(a, List.of(bad, Readability.allReadable()));
            assertThat(impacts(onlyA)).isNotEmpty().allMatch(i -> !i.lost() && (i.cost().contains("the copy on image1")
                    || i.cost().contains("from its other members")));
            assertThat(onlyA.volumes()).allMatch(h -> h.readableBytes() == h.sizeBytes());
            DamageReport onBoth = DamageReport.of(a, List.of(bad, bad));
            assertThat(onBoth.regions()).hasSize(4);
            assertThat(impacts(onBoth)).anyMatch(i -> i.lost() && i.structure().contains("superblock"));
            assertThat(onBoth.volume("vg1/lv1").readableMappedBytes()).isZero();
        } finally {
            for (FileImageSource s : members) {
                s.close();
            }
        }
    }
}
