package io.qrescue.recovery.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.recovery.source.Extent;
import io.qrescue.recovery.source.FileImageSource;
import io.qrescue.recovery.stack.ArrayNode;
import io.qrescue.recovery.stack.LvNode;
import io.qrescue.recovery.stack.NamedImage;
import io.qrescue.recovery.stack.Placement;
import io.qrescue.recovery.stack.VgNode;
import io.qrescue.recovery.stack.md.MdMember;
import io.qrescue.recovery.vm.volume.VolumeFixtures;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The analysed tree of every committed fixture against mdadm --examine, lvs and thin_dump captured in the VM. */
class StackAnalysisFixtureTest {

    @TempDir
    Path dir;

    static List<FileImageSource> open(String name, Path dir) throws Exception {
        List<FileImageSource> out = new ArrayList<>();
        if (name.equals("md10-raid1")) {
            out.add(FileImageSource.open(VolumeFixtures.unpack(name, "member-a.img.gz", dir)));
            out.add(FileImageSource.open(VolumeFixtures.unpack(name, "member-b.img.gz", dir)));
        } else {
            out.add(FileImageSource.open(VolumeFixtures.unpack(name, "disk.img.gz", dir)));
        }
        return out;
    }

    static StackAnalysis analyze(List<FileImageSource> sources) {
        List<NamedImage> named = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            named.add(new NamedImage("image" + i, sources.get(i)));
        }
        return StackAnalysis.analyze(named);
    }

    @ParameterizedTest
    @ValueSource(strings = {"md10-single", "md12-single", "md10-raid1", "md10-tier"})
    void shouldMatchTheOraclesBlockForBlock(String name) throws Exception {
        FixtureOracle oracle = new FixtureOracle(name);
        List<FileImageSource> sources = open(name, dir);
        try {
            StackAnalysis a = analyze(sources);
            // md: what mdadm --examine printed for member a
            assertThat(a.stack().arrays()).hasSize(1);
            ArrayNode array = a.stack().arrays().get(0);
            assertThat(array.array().uuid()).isEqualTo(oracle.examineField("Array UUID"));
            assertThat(array.array().level()).isEqualTo(1);
            assertThat(array.array().raidDisks()).isEqualTo(Integer.parseInt(oracle.examineField("Raid Devices")));
            MdMember a0 = array.array().members().stream().filter(m -> m.imageIndex() == 0).findFirst().orElseThrow();
            assertThat(a0.superblock().version().text()).isEqualTo(oracle.examineField("Version"));
            assertThat(a0.superblock().events()).isEqualTo(Long.parseLong(oracle.examineField("Events")));
            assertThat(a0.superblock().sizeSectors() + " sectors")
                    .isEqualTo(oracle.examineField("Used Dev Size").replaceAll(" \\(.*", ""));
            assertThat(a0.superblock().deviceUuid()).isEqualTo(oracle.examineField("Device UUID"));
            assertThat(a0.dataStartBytes()).isEqualTo(oracle.pvImageOffset);
            assertThat(array.array().members()).hasSize(sources.size());
            assertThat(array.array().members()).allMatch(MdMember::inSync);
            // LVM: every LV of lvs with its size; linear LVs where lvs --segments puts them
            VgNode vg = a.stack().vg("vg1");
            assertThat(vg.lvs().stream().map(LvNode::name).toList())
                    .containsExactlyInAnyOrderElementsOf(oracle.lvSizes.keySet());
            for (Map.Entry<String, Long> e : oracle.lvSizes.entrySet()) {
                assertThat(vg.lv(e.getKey()).sizeBytes()).as(e.getKey()).isEqualTo(e.getValue());
            }
            for (String lv : oracle.linearPes.keySet()) {
                LvNode node = vg.lv(lv);
                assertThat(node.placements()).hasSize(1);
                Placement pl = node.placements().get(0);
                for (long at = 0; at < node.sizeBytes(); at += FixtureOracle.EXTENT_BYTES) {
                    long off = at;
                    // one copy per member (RAID1), at the same offset of each image
                    List<Placement.ImageSpan> spans = pl.imageSpans(off, 1);
                    assertThat(spans.stream().map(Placement.ImageSpan::imageIndex).sorted().toList())
                            .isEqualTo(java.util.stream.IntStream.range(0, sources.size()).boxed().toList());
                    assertThat(spans).allSatisfy(x -> assertThat(x.offsetBytes()).isEqualTo(
                            oracle.linearImageOffset(lv, off)));
                }
            }
            // Thin volumes: composed map onto the image = thin_dump's data_block * block size + tdata's image offset
            assertThat(a.volumes().stream().map(AnalyzedVolume::lvName).toList())
                    .containsExactlyInAnyOrderElementsOf(oracle.thinIds.keySet());
            long bs = oracle.dataBlockBytes;
            for (Map.Entry<String, Long> t : oracle.thinIds.entrySet()) {
                AnalyzedVolume v = a.volume("vg1/" + t.getKey());
                assertThat(v.deviceId()).isEqualTo(t.getValue());
                assertThat(v.sizeBytes()).isEqualTo(oracle.lvSizes.get(t.getKey()));
                TreeMap<Long, Long> expected = oracle.mappings.get(t.getValue());
                assertThat(v.mappedBytes()).isEqualTo(expected.size() * bs);
                assertThat(v.placements()).hasSize(1);
                Placement pl = v.placements().get(0);
                for (int image = 0; image < sources.size(); image++) {
                    TreeMap<Long, Long> ours = new TreeMap<>();
                    for (Extent e : pl.toImage().extents()) {
                        if (e.isHole()) {
                            continue;
                        }
                        assertThat(e.logicalStart() % bs).isZero();
                        assertThat(e.length() % bs).isZero();
                        for (long k = 0; k < e.length() / bs; k++) {
                            long block = e.logicalStart() / bs + k;
                            int on = image;
                            ours.put(block, pl.imageSpans(block * bs, 1).stream().filter(x -> x.imageIndex() == on)
                                    .findFirst().orElseThrow().offsetBytes());
                        }
                    }
                    TreeMap<Long, Long> want = new TreeMap<>();
                    expected.forEach((vb, db) -> want.put(vb, oracle.dataBlockImageOffset(db)));
                    assertThat(ours).as(v.name() + " on image " + image).isEqualTo(want);
                }
                // origin of the snapshot as lvs says
                assertThat(v.kind()).isEqualTo(t.getKey().equals("snap10001") ? "snapshot" : "thin");
            }
            assertThat(a.volume("vg1/snap10001").origin()).isEqualTo("lv1");
            // the volumes really are the ext4 file systems (magic at byte 1080 of each)
            for (AnalyzedVolume v : a.volumes()) {
                ByteBuffer sb = ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN);
                v.placements().get(0).open().read(1080, sb);
                assertThat(sb.getShort(0) & 0xffff).as(v.name()).isEqualTo(0xEF53);
            }
            assertThat(a.findings()).noneMatch(f -> f.severity().name().equals("ERROR"));
        } finally {
            for (FileImageSource s : sources) {
                s.close();
            }
        }
    }
}
