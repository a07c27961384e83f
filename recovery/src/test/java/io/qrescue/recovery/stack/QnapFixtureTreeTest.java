package io.qrescue.recovery.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.qrescue.recovery.analysis.MetadataRegions;
import io.qrescue.recovery.analysis.StackAnalysis;
import io.qrescue.recovery.source.Extent;
import io.qrescue.recovery.source.FileImageSource;
import io.qrescue.recovery.source.ImageSource;
import io.qrescue.recovery.stack.finding.Severity;
import io.qrescue.recovery.stack.lvm.LogicalVolume;
import io.qrescue.recovery.stack.lvm.LvSegment;
import io.qrescue.recovery.stack.lvm.SegmentType;
import io.qrescue.recovery.stack.lvm.VgRead;
import io.qrescue.recovery.stack.lvm.VolumeGroupReader;
import io.qrescue.recovery.stack.md.MdMember;
import io.qrescue.recovery.stack.md.MdRole;
import io.qrescue.recovery.stack.md.MdSuperblock;
import io.qrescue.recovery.stack.testing.HostTool;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The stack tree of the QNAP-like volumes made by real mdadm/lvm2 in the recovery appliance
 * (src/test/resources/volumes/NAME, committed by the appliance work) against the oracle files captured there:
 * mdadm --examine, pvs/vgs/lvs --segments JSON, vgcfgbackup, the thin superblock in thin_dump's XML.
 */
class QnapFixtureTreeTest {

    private static final long MIB = 1 << 20;

    @TempDir
    Path dir;

    static InputStream resource(String path) {
        return QnapFixtureTreeTest.class.getResourceAsStream("/volumes/" + path);
    }

    static String oracle(String name, String file) throws IOException {
        try (InputStream in = resource(name + "/oracle/" + file)) {
            assertThat(in).as("oracle " + name + "/" + file).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The fixture's images unpacked into {@code dir}; skips when this branch does not carry the fixtures yet. */
    List<Path> images(String name) throws IOException {
        List<String> files = name.equals("md10-raid1") ? List.of("member-a.img.gz", "member-b.img.gz")
                : List.of("disk.img.gz");
        List<Path> out = new ArrayList<>();
        for (String f : files) {
            try (InputStream in = resource(name + "/" + f)) {
                assumeTrue(in != null, "fixture volumes/" + name + " not present (committed with the appliance work)");
                Path p = dir.resolve(name + "-" + f.replace(".gz", ""));
                try (InputStream gz = new GZIPInputStream(in, 1 << 16)) {
                    Files.copy(gz, p);
                }
                out.add(p);
            }
        }
        return out;
    }

    StorageStack scan(List<Path> images, List<ImageSource> open) throws IOException {
        List<NamedImage> named = new ArrayList<>();
        for (Path p : images) {
            FileImageSource s = FileImageSource.open(p);
            open.add(s);
            named.add(new NamedImage(p.getFileName().toString(), s));
        }
        return StackScanner.scan(named);
    }

    /** lvm's human sizes in the oracle JSON ("1.00m", "4.00m", "64.00k") in bytes. */
    private static long lvmSize(String s) {
        s = s.trim();
        char unit = s.charAt(s.length() - 1);
        double v = Double.parseDouble(s.substring(0, s.length() - 1));
        long mult = switch (unit) {
            case 'k' -> 1 << 10;
            case 'm' -> 1 << 20;
            case 'g' -> 1 << 30;
            default -> throw new IllegalArgumentException(s);
        };
        return Math.round(v * mult);
    }

    @ParameterizedTest
    @ValueSource(strings = {"md10-single", "md12-single", "md10-raid1", "md10-tier"})
    void shouldMatchMdadmPvsVgsAndLvsSegments(String name) throws Exception {
        List<Path> images = images(name);
        List<ImageSource> open = new ArrayList<>();
        try {
            StorageStack st = scan(images, open);
            // --- md against mdadm --examine of each member
            assertThat(st.arrays()).hasSize(1);
            ArrayNode arr = st.arrays().get(0);
            assertThat(arr.array().displayName()).isEqualTo("md1");
            for (int i = 0; i < images.size(); i++) {
                Map<String, String> ex = HostTool.examineFields(oracle(name, "mdadm-examine-member-" + (char) ('a' + i)
                        + ".txt"));
                MdMember m = arr.array().members().get(i);
                MdSuperblock sb = m.superblock();
                assertThat(m.startBytes()).isEqualTo(st.disks().get(i).partitions().get(2).startBytes());
                assertThat(ex.get("Version")).isEqualTo(sb.version().text());
                assertThat(ex.get("Array UUID")).isEqualTo(sb.arrayUuid());
                assertThat(ex.get("Device UUID")).isEqualTo(sb.deviceUuid());
                assertThat(ex.get("Name")).isEqualTo(sb.name());
                assertThat(ex.get("Raid Devices")).isEqualTo(sb.raidDisks() + "");
                assertThat(ex.get("Avail Dev Size")).startsWith(sb.dataSizeSectors() + " sectors");
                assertThat(ex.get("Used Dev Size")).startsWith(sb.sizeSectors() + " sectors");
                assertThat(ex.get("Super Offset")).isEqualTo(sb.superOffsetSectors() + " sectors");
                assertThat(ex.getOrDefault("Data Offset", "0 sectors")).isEqualTo(sb.dataOffsetSectors() + " sectors");
                assertThat(ex.get("Events")).isEqualTo(sb.events() + "");
                assertThat(ex.get("State")).isEqualTo(sb.clean() ? "clean" : "active");
                assertThat(ex.get("Checksum")).isEqualTo(String.format("%08x - correct", sb.storedChecksum()));
                assertThat(ex.get("Device Role")).isEqualTo(MdRole.describe(sb.role()));
                assertThat(ex.get("Array State")).startsWith(sb.arrayState() + " ");
                assertThat(m.inSync()).isTrue();
            }
            assertThat(arr.readable()).isTrue();
            assertThat(arr.source().missingRoles()).hasSize(arr.array().raidDisks() - images.size());
            // --- PV against pvs
            Map<String, String> pvs = HostTool.lvmJsonRows(oracle(name, "pvs.json")).get(0);
            PvNode pv = arr.pv();
            assertThat(pv.scan().label().pvUuidDisplay()).isEqualTo(pvs.get("pv_uuid"));
            assertThat(pv.scan().label().dataStartBytes()).isEqualTo(lvmSize(pvs.get("pe_start")));
            assertThat(pv.scan().label().extensionVersion() + "").isEqualTo(pvs.get("pv_ext_vsn"));
            assertThat(pv.scan().label().metadataAreas().get(0).sizeBytes()).isEqualTo(lvmSize(pvs.get("pv_mda_size")));
            // --- VG against vgs
            Map<String, String> vgs = HostTool.lvmJsonRows(oracle(name, "vgs.json")).get(0);
            VgNode vg = st.vg("vg1");
            assertThat(vg.vg().id()).isEqualTo(vgs.get("vg_uuid"));
            assertThat(vg.vg().seqno() + "").isEqualTo(vgs.get("vg_seqno"));
            assertThat(vg.vg().extentSizeBytes()).isEqualTo(lvmSize(vgs.get("vg_extent_size")));
            assertThat(vg.vg().pv("pv0").peCount() + "").isEqualTo(vgs.get("vg_extent_count")).isEqualTo(pvs.get(
                    "pv_pe_count"));
            assertThat(vg.pvs().get("pv0")).isSameAs(pv);
            // --- every segment against lvs --segments, and striped ones onto image bytes
            long extent = vg.vg().extentSizeBytes();
            List<Map<String, String>> segs = HostTool.lvmJsonRows(oracle(name, "lvs-segments.json"));
            assertThat(segs).hasSize(vg.lvs().stream().mapToInt(l -> l.lv().segments().size()).sum());
            for (Map<String, String> row : segs) {
                String lvName = row.get("lv_name").replaceAll("[\\[\\]]", "");
                LvNode node = vg.lv(lvName);
                LogicalVolume lv = node.lv();
                assertThat(lv.visible()).as(lvName).isEqualTo(!row.get("lv_name").startsWith("["));
                LvSegment seg = lv.segments().stream().filter(s -> (s.startExtent() + "").equals(row.get("seg_start_pe")))
                        .findFirst().orElseThrow();
                assertThat(seg.extentCount() + "").isEqualTo(row.get("seg_size_pe"));
                boolean tierRewritten = name.equals("md10-tier") && lvName.equals("tp1");
                String expectedType = seg.type() == SegmentType.STRIPED && seg.stripes().size() == 1 ? "linear"
                        : tierRewritten ? "tier-thin-pool" : seg.typeName();
                assertThat(tierRewritten ? "tier-thin-pool" : row.get("segtype")).isEqualTo(expectedType);
                switch (seg.type()) {
                    case STRIPED -> {
                        Matcher m = Pattern.compile("/dev/md1:(\\d+)-(\\d+)").matcher(row.get("seg_pe_ranges"));
                        assertThat(m.matches()).isTrue();
                        long first = Long.parseLong(m.group(1));
                        assertThat(Long.parseLong(m.group(2)) - first + 1).isEqualTo(seg.extentCount());
                        assertThat(node.placements()).hasSize(1);
                        List<Placement.ImageSpan> spans = node.placements().get(0).imageSpans(
                                seg.startExtent() * extent, seg.extentCount() * extent);
                        assertThat(spans).hasSize(images.size());
                        for (MdMember member : arr.array().members()) {
                            // PV offset in the image = partition 3 + md data offset; then pe_start + PE * extent.
                            long expected = member.startBytes() + member.superblock().dataOffsetSectors() * 512
                                    + pv.scan().label().dataStartBytes() + first * extent;
                            assertThat(spans).contains(new Placement.ImageSpan(member.imageIndex(), expected,
                                    seg.extentCount() * extent));
                        }
                    }
                    case THIN_POOL -> {
                        assertThat("[" + seg.metadataLv() + "]").isEqualTo(row.get("metadata_lv"));
                        assertThat("[" + seg.poolDataLv() + "]").isEqualTo(row.get("data_lv"));
                        assertThat(seg.chunkSizeSectors() * 512).isEqualTo(lvmSize(row.get("chunk_size")));
                        assertThat(seg.transactionId() + "").isEqualTo(row.get("transaction_id"));
                    }
                    case THIN -> {
                        assertThat(seg.thinPool()).isEqualTo(row.get("pool_lv"));
                        assertThat(seg.deviceId() + "").isEqualTo(row.get("thin_id"));
                        assertThat(seg.transactionId() + "").isEqualTo(row.get("transaction_id"));
                        assertThat(seg.origin() == null ? "" : seg.origin()).isEqualTo(row.get("origin"));
                    }
                    default -> throw new AssertionError("unexpected segment " + seg);
                }
            }
            PoolNode pool = vg.pool("tp1");
            assertThat(pool.tiered()).isEqualTo(name.equals("md10-tier"));
            assertThat(pool.thinVolumes()).extracting(LvNode::name).containsExactlyInAnyOrder("lv1", "lv2", "snap10001");
            assertThat(st.allFindings()).filteredOn(f -> f.severity() != Severity.INFO).isEmpty();
        } finally {
            for (ImageSource s : open) {
                s.close();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"md10-single", "md12-single", "md10-raid1", "md10-tier"})
    void shouldHandTheThinReadersATmetaWhoseSuperblockMatchesThinDump(String name) throws Exception {
        List<Path> images = images(name);
        List<ImageSource> open = new ArrayList<>();
        try {
            PoolNode pool = scan(images, open).vg("vg1").pool("tp1");
            Matcher sb = Pattern.compile("<superblock [^>]*transaction=\"(\\d+)\"[^>]*data_block_size=\"(\\d+)\"")
                    .matcher(oracle(name, "thin_dump-tp1.xml"));
            assertThat(sb.find()).isTrue();
            for (Placement p : pool.tmeta().placements()) {
                ByteBuffer b = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);
                p.open().read(0, b);
                // dm-thin superblock (format notes §4.2): magic 27022010 at 32, trans_id at 48, data_block_size at 336.
                assertThat(b.getLong(32)).isEqualTo(27022010L);
                assertThat(b.getLong(48) + "").isEqualTo(sb.group(1));
                assertThat(b.getInt(336) + "").isEqualTo(sb.group(2));
                assertThat(b.getInt(336)).isEqualTo((int) pool.chunkSizeSectors());
                assertThat(b.getLong(48)).isEqualTo(pool.transactionId());
            }
            assertThat(pool.data().get(0).open().size()).isEqualTo(Long.parseLong(
                    Pattern.compile("nr_data_blocks=\"(\\d+)\"").matcher(oracle(name, "thin_dump-tp1.xml")).results()
                            .findFirst().orElseThrow().group(1)) * pool.chunkSizeBytes());
        } finally {
            for (ImageSource s : open) {
                s.close();
            }
        }
    }

    @Test
    void shouldPlaceTheRewrittenTierTextWhereTheApplianceWroteIt() throws Exception {
        List<Path> images = images("md10-tier");
        List<ImageSource> open = new ArrayList<>();
        try {
            StorageStack st = scan(images, open);
            String note = oracle("md10-tier", "tier-rewrite.txt");
            long pvAt = Long.parseLong(note.replaceAll("(?s).*PV starts at image byte (\\d+).*", "$1"));
            long textAt = Long.parseLong(note.replaceAll("(?s).*text at byte (\\d+).*", "$1"));
            ArrayNode arr = st.arrays().get(0);
            assertThat(arr.array().memberIn(0).dataStartBytes()).isEqualTo(pvAt);
            VgNode vg = st.vg("vg1");
            assertThat(pvAt + vg.chosen().textOffsetBytes()).isEqualTo(textAt);
            assertThat(vg.chosen().checksumOk()).isTrue();
            assertThat(vg.vg().lv("tp1").firstSegment().typeName()).isEqualTo("tier-thin-pool");
            long textBytes = Long.parseLong(note.replaceAll("(?s).*text size \\d+ -> (\\d+) bytes.*", "$1"));
            List<NamedImage> named = new ArrayList<>();
            for (int i = 0; i < images.size(); i++) {
                named.add(new NamedImage(images.get(i).getFileName().toString(), open.get(i)));
            }
            assertThat(MetadataRegions.of(StackAnalysis.analyze(named)))
                    .filteredOn(r -> r.kind().equals("lvm-metadata-text"))
                    .extracting(r -> r.imageIndex() + "@" + r.offsetBytes() + "+" + r.lengthBytes())
                    .contains("0@" + textAt + "+" + textBytes);
            // The backup captured before the rewrite is the same VG but for the segment type.
            VgRead backup = VolumeGroupReader.read(oracle("md10-tier", "vgcfgbackup-vg1.txt"));
            assertThat(backup.findings()).isEmpty();
            assertThat(backup.vg().lv("tp1").firstSegment().typeName()).isEqualTo("thin-pool");
            assertThat(backup.vg().logicalVolumes()).extracting(LogicalVolume::name)
                    .containsExactlyElementsOf(vg.vg().logicalVolumes().stream().map(LogicalVolume::name).toList());
        } finally {
            for (ImageSource s : open) {
                s.close();
            }
        }
    }

    @Test
    void shouldReadTheVgcfgbackupFormLikeTheOnDiskText() throws Exception {
        List<Path> images = images("md10-single");
        List<ImageSource> open = new ArrayList<>();
        try {
            VgNode vg = scan(images, open).vg("vg1");
            VgRead backup = VolumeGroupReader.read(oracle("md10-single", "vgcfgbackup-vg1.txt"));
            assertThat(backup.findings()).isEmpty();
            assertThat(backup.vg().seqno()).isEqualTo(vg.vg().seqno());
            assertThat(backup.vg().id()).isEqualTo(vg.vg().id());
            for (LogicalVolume lv : vg.vg().logicalVolumes()) {
                LogicalVolume other = backup.vg().lv(lv.name());
                assertThat(other.segments()).extracting(LvSegment::startExtent, LvSegment::extentCount, LvSegment::typeName,
                        LvSegment::stripes).containsExactlyElementsOf(lv.segments().stream().map(s -> org.assertj.core.groups
                                .Tuple.tuple(s.startExtent(), s.extentCount(), s.typeName(), s.stripes())).toList());
                assertThat(other.status()).isEqualTo(lv.status());
            }
        } finally {
            for (ImageSource s : open) {
                s.close();
            }
        }
    }
}
