package io.qrescue.recovery.stack.thin;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.recovery.analysis.AnalyzedVolume;
import io.qrescue.recovery.analysis.PoolAnalysis;
import io.qrescue.recovery.analysis.StackAnalysis;
import io.qrescue.recovery.source.Damage;
import io.qrescue.recovery.source.DamageKind;
import io.qrescue.recovery.source.Extent;
import io.qrescue.recovery.source.FileImageSource;
import io.qrescue.recovery.source.MappedSource;
import io.qrescue.recovery.stack.NamedImage;
import io.qrescue.recovery.vm.volume.VolumeFixtures;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The whole stack with damaged thin metadata, on the md10-single fixture (real lvm2 and dm-thin in the appliance:
 * a snapshot, writes after it, so older copy-on-write copies of the trees lie on the metadata device) and on the
 * same disk rewritten in QNAP's layout (8 KiB blocks, version 4, 44-byte records, backups). Truth: each volume read
 * from the intact image (its files are checked against the kernel's sha256 by the fixture tests). With the
 * superblock, the top-level leaf, the device-details leaf, or the superblock and the top-level leaf lost, every
 * volume reads byte-identical; where only an older copy of a device's tree survives, the volume comes back from it
 * and every byte that differs lies in a range the salvage marks "may be stale".
 */
class ThinSalvageVolumeTest {

    @TempDir
    static Path dir;

    private static Path upstream;
    private static Path qnap;

    @BeforeAll
    static void images() throws Exception {
        upstream = VolumeFixtures.unpack("md10-single", VolumeFixtures.firstImage("md10-single"), dir);
        qnap = dir.resolve("qnap.img");
        Files.copy(upstream, qnap);
        QnapLayoutImages.convert(qnap);
    }

    @ParameterizedTest
    @ValueSource(strings = {"upstream", "qnap"})
    void shouldReadEveryVolumeByteIdenticalWhereTheSurvivingNodesHoldIt(String layout) throws Exception {
        Path image = layout.equals("qnap") ? qnap : upstream;
        Map<String, byte[]> intact;
        long tmetaOffset;
        ThinMetadata md;
        try (FileImageSource src = FileImageSource.open(image)) {
            StackAnalysis a = StackAnalysis.analyze(List.of(new NamedImage("disk", src)));
            intact = volumes(a);
            PoolAnalysis pool = a.pools().get(0);
            tmetaOffset = pool.node().tmeta().placements().get(0).imageOffsetOf(0); // the member's byte (md RAID1: a copy)
            md = pool.metadata();
            assertThat(pool.salvage()).isNull();
        }
        int bs = md.blockSizeBytes();
        assertThat(bs).isEqualTo(layout.equals("qnap") ? 8192 : 4096);
        Map<String, List<Long>> cases = new LinkedHashMap<>();
        cases.put("superblock", withBackups(md, 0L));
        cases.put("top-level leaf", blocksOf(md, BlockKind.TOP_LEVEL_LEAF));
        cases.put("device-details leaf", blocksOf(md, BlockKind.DEVICE_DETAILS_NODE));
        List<Long> both = new ArrayList<>(withBackups(md, 0L));
        both.addAll(blocksOf(md, BlockKind.TOP_LEVEL_LEAF));
        cases.put("superblock and top-level leaf", both);
        for (Map.Entry<String, List<Long>> c : cases.entrySet()) {
            Path broken = damaged(image, tmetaOffset, bs, c.getValue());
            try (FileImageSource src = FileImageSource.open(broken)) {
                StackAnalysis a = StackAnalysis.analyze(List.of(new NamedImage("disk", src)));
                assertThat(a.pools().get(0).salvage()).as(layout + ", " + c.getKey()).isNotNull();
                Map<String, byte[]> got = volumes(a);
                assertThat(got.keySet()).isEqualTo(intact.keySet());
                for (String v : intact.keySet()) {
                    assertThat(Arrays.equals(got.get(v), intact.get(v))).as(layout + ", " + c.getKey() + ": " + v
                            + " byte-identical").isTrue();
                }
            }
        }
    }

    /** Upstream only: the QNAP rewrite writes the live state alone, so it has no older copies to fall back on. */
    @Test
    void shouldBringBackAVolumeFromAnOlderCopyAndSayItMayBeStale() throws Exception {
        Path image = upstream;
        Map<String, byte[]> intact;
        long tmetaOffset;
        ThinMetadata md;
        long lv1;
        try (FileImageSource src = FileImageSource.open(image)) {
            StackAnalysis a = StackAnalysis.analyze(List.of(new NamedImage("disk", src)));
            intact = volumes(a);
            PoolAnalysis pool = a.pools().get(0);
            tmetaOffset = pool.node().tmeta().placements().get(0).imageOffsetOf(0); // the member's byte (md RAID1: a copy)
            md = pool.metadata();
            lv1 = a.volume("vg1/lv1").deviceId();
        }
        // lv1's tree is one leaf, written again after the snapshot: only older copies of it survive its loss
        long root = md.deviceRoots().get(lv1);
        Path broken = damaged(image, tmetaOffset, md.blockSizeBytes(), List.of(root));
        try (FileImageSource src = FileImageSource.open(broken)) {
            StackAnalysis a = StackAnalysis.analyze(List.of(new NamedImage("disk", src)));
            AnalyzedVolume v = a.volume("vg1/lv1");
            SalvagedDevice d = a.salvaged(v);
            assertThat(d.summary()).contains("older top-level copy").contains("may be stale")
                    .doesNotContain(String.valueOf(Long.MAX_VALUE));
            // the lost root leaves the doubt open-ended: said as a starting block, not counted
            assertThat(d.doubts()).anySatisfy(x -> assertThat(x.keyTo()).isEqualTo(Long.MAX_VALUE));
            assertThat(d.summary()).containsPattern("every virtual block from \\d+ on may be stale");
            MappedSource source = v.placements().get(0).open();
            byte[] got = read(source);
            List<Damage> doubts = source.damageIn(0, source.size());
            assertThat(doubts).isNotEmpty().allSatisfy(x -> {
                assertThat(x.kind()).isEqualTo(DamageKind.UNKNOWN);
                assertThat(x.cause()).contains("may be stale");
            });
            byte[] want = intact.get("vg1/lv1");
            long differing = 0;
            for (int i = 0; i < want.length; i++) {
                if (got[i] != want[i]) {
                    differing++;
                    int at = i;
                    assertThat(doubts).as("byte " + i + " differs outside every marked range")
                            .anySatisfy(x -> assertThat(at).isBetween((int) x.offset(), (int) x.end() - 1));
                }
            }
            // the older copy is most of the volume: it really comes back
            assertThat(differing).isLessThan(want.length / 8);
            // the other volumes are untouched
            assertThat(read(a.volume("vg1/lv2").placements().get(0).open())).isEqualTo(intact.get("vg1/lv2"));
            assertThat(read(a.volume("vg1/snap10001").placements().get(0).open()))
                    .isEqualTo(intact.get("vg1/snap10001"));
        }
    }

    /** {@code block} plus, on a QNAP pool, every superblock backup (else a backup simply stands in). */
    private static List<Long> withBackups(ThinMetadata md, long block) {
        List<Long> out = new ArrayList<>(List.of(block));
        md.backups().forEach(b -> out.add(b.blockNr()));
        return out;
    }

    private static List<Long> blocksOf(ThinMetadata md, BlockKind kind) {
        List<Long> out = new ArrayList<>();
        md.liveBlocks().all().forEach((b, roles) -> {
            if (roles.stream().anyMatch(r -> r.kind() == kind)) {
                out.add(b);
            }
        });
        assertThat(out).as(kind + " blocks").isNotEmpty();
        return out;
    }

    private static Path damaged(Path image, long tmetaOffset, int bs, List<Long> blocks) throws Exception {
        Path copy = dir.resolve("broken.img");
        Files.copy(image, copy, StandardCopyOption.REPLACE_EXISTING);
        try (RandomAccessFile f = new RandomAccessFile(copy.toFile(), "rw")) {
            for (long b : blocks) {
                f.seek(tmetaOffset + b * bs);
                f.write(new byte[bs]);
            }
        }
        return copy;
    }

    /** Every volume's bytes (holes as zeros), by name. */
    private static Map<String, byte[]> volumes(StackAnalysis a) throws Exception {
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (AnalyzedVolume v : a.volumes()) {
            if (v.isThin()) {
                out.put(v.name(), read(v.placements().get(0).open()));
            }
        }
        return out;
    }

    private static byte[] read(MappedSource s) throws Exception {
        byte[] out = new byte[(int) s.size()];
        for (Extent e : s.map().extents()) {
            if (!e.isHole()) {
                byte[] part = s.readFully(e.logicalStart(), (int) e.length());
                System.arraycopy(part, 0, out, (int) e.logicalStart(), part.length);
            }
        }
        return out;
    }
}
