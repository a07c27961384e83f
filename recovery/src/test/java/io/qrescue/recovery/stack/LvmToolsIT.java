package io.qrescue.recovery.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.qrescue.recovery.source.Extent;
import io.qrescue.recovery.source.FileImageSource;
import io.qrescue.recovery.stack.lvm.LogicalVolume;
import io.qrescue.recovery.stack.lvm.LvSegment;
import io.qrescue.recovery.stack.lvm.MetadataCopy;
import io.qrescue.recovery.stack.lvm.PvScan;
import io.qrescue.recovery.stack.lvm.SegmentType;
import io.qrescue.recovery.stack.lvm.Stripe;
import io.qrescue.recovery.stack.md.MdSuperblock;
import io.qrescue.recovery.stack.testing.HostTool;
import io.qrescue.recovery.stack.testing.MdSuperblockWriter;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real PV made by lvm2 on a loop device (pvcreate + vgcfgrestore --force of a thin-pool VG, no device-mapper
 * needed) inside an md 1.0 member whose superblock our writer adds and mdadm checks; our stack scan must agree
 * with pvs/vgs/lvs field for field. Needs root (losetup) and lvm2/mdadm.
 */
@Tag("integration")
class LvmToolsIT {

    private static final long MIB = 1 << 20;
    private static final long MEMBER_BYTES = 64 * MIB + 64 * 1024;

    @TempDir
    Path dir;

    @BeforeAll
    static void needsRootAndTools() {
        assumeTrue("root".equals(System.getProperty("user.name")), "losetup needs root");
        assumeTrue(HostTool.installed("/sbin/pvcreate") && HostTool.installed("/sbin/mdadm")
                && HostTool.installed("/usr/sbin/losetup") || HostTool.installed("/sbin/losetup"), "lvm2, mdadm, losetup");
    }

    /** The md 1.0 array size of a member: up to the bad-block log 8 sectors below the superblock. */
    private static long arrayBytes() {
        return (((MEMBER_BYTES / 512 - 16) & ~7L) - 8) * 512;
    }

    private static String losetup() {
        return HostTool.installed("/usr/sbin/losetup") ? "/usr/sbin/losetup" : "/sbin/losetup";
    }

    @Test
    void shouldAgreeWithPvsVgsLvsThroughAnMdMember() throws Exception {
        Path member = dir.resolve("member.img");
        try (RandomAccessFile f = new RandomAccessFile(member.toFile(), "rw")) {
            f.setLength(MEMBER_BYTES);
        }
        String vgName = "qrsl" + ProcessHandle.current().pid();
        String loop = HostTool.check(losetup(), "--find", "--show", "--sizelimit", Long.toString(arrayBytes()),
                member.toString()).trim();
        Map<String, String> vgRow;
        Map<String, String> pvRow;
        List<Map<String, String>> segRows;
        try {
            HostTool.check("/sbin/pvcreate", "--devices", loop, "-y", loop);
            String pvUuid = HostTool.lvmJsonRows(HostTool.check("/sbin/pvs", "--devices", loop, "--reportformat", "json",
                    "-o", "pv_uuid", loop)).get(0).get("pv_uuid");
            Path older = dir.resolve("older.vg");
            Files.writeString(older, backupText(vgName, pvUuid, arrayBytes() / 512, 10, 4, 1));
            restore(loop, vgName, older);
            Path text = dir.resolve("vg.txt");
            Files.writeString(text, backupText(vgName, pvUuid, arrayBytes() / 512, 10, 6, 5));
            restore(loop, vgName, text);
            pvRow = HostTool.lvmJsonRows(HostTool.check("/sbin/pvs", "--devices", loop, "--reportformat", "json",
                    "--units", "b", "-o", "pv_uuid,pe_start,dev_size,pv_pe_count", loop)).get(0);
            vgRow = HostTool.lvmJsonRows(HostTool.check("/sbin/vgs", "--devices", loop, "--reportformat", "json",
                    "--units", "b", "-o", "vg_name,vg_uuid,vg_seqno,vg_extent_size,vg_extent_count", vgName)).get(0);
            segRows = HostTool.lvmJsonRows(HostTool.check("/sbin/lvs", "--devices", loop, "-a", "--segments",
                    "--reportformat", "json", "--units", "b", "-o", "lv_name,lv_uuid,segtype,seg_start_pe,seg_size_pe,"
                            + "seg_pe_ranges,pool_lv,data_lv,metadata_lv,thin_id,chunk_size,transaction_id,lv_size",
                    vgName));
        } finally {
            HostTool.run(List.of("/sbin/vgremove", "--devices", loop, "-ff", "-y", vgName));
            HostTool.run(List.of(losetup(), "-d", loop));
        }
        // Add the md 1.0 superblock behind the PV, as QNAP's data arrays have it.
        MdSuperblockWriter md = new MdSuperblockWriter();
        byte[] image = Files.readAllBytes(member);
        md.write(image, 0, MEMBER_BYTES, "1.0");
        Files.write(member, image);
        Map<String, String> examine = HostTool.examineFields(HostTool.check("/sbin/mdadm", "--examine", member.toString()));

        StorageStack st;
        try (FileImageSource src = FileImageSource.open(member)) {
            st = StackScanner.scan(List.of(new NamedImage("member.img", src)));
            // --- md against mdadm --examine
            ArrayNode arr = st.arrays().get(0);
            MdSuperblock sb = arr.array().memberIn(0).superblock();
            assertThat(examine.get("Array UUID")).isEqualTo(arr.array().uuid());
            assertThat(examine.get("Super Offset")).isEqualTo(sb.superOffsetSectors() + " sectors");
            assertThat(examine.get("Avail Dev Size")).startsWith(sb.dataSizeSectors() + " sectors");
            assertThat(examine.get("Checksum")).endsWith("correct");
            assertThat(arr.array().sizeBytes()).isEqualTo(arrayBytes());
            // --- PV against pvs
            PvScan pv = arr.pv().scan();
            assertThat(pv.label().pvUuidDisplay()).isEqualTo(pvRow.get("pv_uuid"));
            assertThat(pv.label().dataStartBytes() + "B").isEqualTo(pvRow.get("pe_start"));
            assertThat(pv.label().deviceSizeBytes() + "B").isEqualTo(pvRow.get("dev_size"));
            // --- VG against vgs, and the older generation still in the buffer
            VgNode vg = st.vg(vgName);
            assertThat(vg.vg().id()).isEqualTo(vgRow.get("vg_uuid"));
            assertThat(vg.vg().seqno() + "").isEqualTo(vgRow.get("vg_seqno"));
            assertThat(vg.vg().extentSizeBytes() + "B").isEqualTo(vgRow.get("vg_extent_size"));
            assertThat(vg.vg().pv("pv0").peCount() + "").isEqualTo(vgRow.get("vg_extent_count"))
                    .isEqualTo(pvRow.get("pv_pe_count"));
            assertThat(vg.chosen().committed()).isTrue();
            // vgcfgrestore commits the text's seqno + 1: 2 for the older text, 6 for the current one.
            assertThat(vg.vg().seqno()).isEqualTo(6);
            assertThat(vg.copies()).filteredOn(c -> !c.committed()).extracting(MetadataCopy::seqno).contains(2L);
            // --- every LV segment against lvs --segments
            assertThat(segRows).hasSize(vg.lvs().stream().mapToInt(l -> l.lv().segments().size()).sum());
            for (Map<String, String> row : segRows) {
                String name = row.get("lv_name").replaceAll("[\\[\\]]", "");
                LvNode node = vg.lv(name);
                LogicalVolume lv = node.lv();
                assertThat(lv.visible()).as(name).isEqualTo(!row.get("lv_name").startsWith("["));
                assertThat(lv.id()).isEqualTo(row.get("lv_uuid"));
                assertThat(node.sizeBytes() + "B").as(name).isEqualTo(row.get("lv_size"));
                LvSegment seg = lv.segments().stream().filter(s -> Long.toString(s.startExtent())
                        .equals(row.get("seg_start_pe"))).findFirst().orElseThrow();
                assertThat(seg.extentCount() + "").isEqualTo(row.get("seg_size_pe"));
                String segtype = row.get("segtype");
                assertThat(segtype).isEqualTo(seg.type() == SegmentType.STRIPED && seg.stripes().size() == 1 ? "linear"
                        : seg.typeName());
                if (seg.type() == SegmentType.STRIPED) {
                    Matcher m = Pattern.compile(Pattern.quote(loop) + ":(\\d+)-(\\d+)").matcher(row.get("seg_pe_ranges"));
                    assertThat(m.matches()).as(row.get("seg_pe_ranges")).isTrue();
                    long first = Long.parseLong(m.group(1));
                    long last = Long.parseLong(m.group(2));
                    assertThat(seg.stripes()).containsExactly(new Stripe("pv0", first));
                    assertThat(last - first + 1).isEqualTo(seg.extentCount());
                    long extent = vg.vg().extentSizeBytes();
                    long peStart = Long.parseLong(pvRow.get("pe_start").replace("B", ""));
                    // The LV's bytes on the member image: pe_start + PE * extent size (md data_offset 0).
                    assertThat(node.placements().get(0).imageSpans(seg.startExtent() * extent,
                            seg.extentCount() * extent)).containsExactly(new Placement.ImageSpan(0,
                                    peStart + first * extent, seg.extentCount() * extent));
                } else if (seg.type() == SegmentType.THIN_POOL) {
                    assertThat("[" + seg.metadataLv() + "]").isEqualTo(row.get("metadata_lv"));
                    assertThat("[" + seg.poolDataLv() + "]").isEqualTo(row.get("data_lv"));
                    assertThat(seg.chunkSizeSectors() * 512 + "B").isEqualTo(row.get("chunk_size"));
                    assertThat(seg.transactionId() + "").isEqualTo(row.get("transaction_id"));
                    PoolNode pool = vg.pool(name);
                    assertThat(pool.tmeta().name()).isEqualTo(seg.metadataLv());
                    assertThat(pool.data()).extracting(LvNode::name).containsExactly(seg.poolDataLv());
                } else if (seg.type() == SegmentType.THIN) {
                    assertThat(seg.thinPool()).isEqualTo(row.get("pool_lv"));
                    assertThat(seg.deviceId() + "").isEqualTo(row.get("thin_id"));
                    assertThat(seg.transactionId() + "").isEqualTo(row.get("transaction_id"));
                }
            }
        }
        assertThat(st.allFindings()).allSatisfy(f -> assertThat(f.severity().name()).isEqualTo("INFO"));
    }

    private static void restore(String loop, String vgName, Path text) throws Exception {
        HostTool.Run r = HostTool.run(List.of("/sbin/vgcfgrestore", "--devices", loop, "-f", text.toString(), "--force",
                vgName));
        assertThat(r.err() + r.out()).contains("Restored volume group");
    }

    /** A vgcfgbackup-form text with {@code seqno}: thin pool (tmeta 1 extent, tdata {@code dataExtents}), thin lv1, linear lv544. */
    private static String backupText(String vg, String pvUuid, long devSizeSectors, long peCount, long dataExtents,
            long seqno) {
        String lvs = lv("tp1", true, "start_extent = 0\nextent_count = " + dataExtents + "\ntype = \"thin-pool\"\n"
                + "metadata = \"tp1_tmeta\"\npool = \"tp1_tdata\"\ntransaction_id = 3\nchunk_size = 128\n"
                + "discards = \"passdown\"\nzero_new_blocks = 1\n", 1)
                + lv("lv1", true, "start_extent = 0\nextent_count = 3\ntype = \"thin\"\nthin_pool = \"tp1\"\n"
                        + "transaction_id = 1\ndevice_id = 1\n", 2)
                + lv("lv544", true, linear(1 + dataExtents, 1), 3)
                + lv("tp1_tmeta", false, linear(0, 1), 4)
                + lv("tp1_tdata", false, linear(1, dataExtents), 5);
        return "contents = \"Text Format Volume Group\"\nversion = 1\ndescription = \"qrescue test\"\n"
                + "creation_host = \"test\"\ncreation_time = 1592780863\n\n"
                + vg + " {\nid = \"fQPPkx-x13R-6YOq-l4u4-oUMU-d2T0-TMcLBF\"\nseqno = " + seqno + "\nformat = \"lvm2\"\n"
                + "status = [\"RESIZEABLE\", \"READ\", \"WRITE\"]\nflags = []\nextent_size = 8192\nmax_lv = 0\nmax_pv = 0\n"
                + "metadata_copies = 0\nphysical_volumes {\npv0 {\nid = \"" + pvUuid + "\"\ndevice = \"/dev/md1\"\n"
                + "status = [\"ALLOCATABLE\"]\nflags = []\ndev_size = " + devSizeSectors + "\npe_start = 2048\n"
                + "pe_count = " + peCount + "\n}\n}\nlogical_volumes {\n" + lvs + "}\n}\n";
    }

    private static String linear(long pe, long count) {
        return "start_extent = 0\nextent_count = " + count + "\ntype = \"striped\"\nstripe_count = 1\nstripes = [\n\"pv0\", "
                + pe + "\n]\n";
    }

    private static String lv(String name, boolean visible, String segment, int n) {
        return name + " {\nid = \"aaaaaa-bbbb-cccc-dddd-eeee-ffff-00000" + n + "\"\nstatus = [\"READ\", \"WRITE\""
                + (visible ? ", \"VISIBLE\"" : "") + "]\nflags = []\ncreation_time = 1592780853\n"
                + "creation_host = \"test\"\nsegment_count = 1\nsegment1 {\n" + segment + "}\n}\n";
    }
}
