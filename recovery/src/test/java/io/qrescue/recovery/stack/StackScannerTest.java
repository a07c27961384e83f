package io.qrescue.recovery.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.recovery.source.ByteArraySource;
import io.qrescue.recovery.source.Extent;
import io.qrescue.recovery.source.ImageSource;
import io.qrescue.recovery.stack.finding.Severity;
import io.qrescue.recovery.stack.md.MdMember;
import io.qrescue.recovery.stack.md.MdRole;
import io.qrescue.recovery.stack.partition.PartitionScheme;
import io.qrescue.recovery.stack.testing.QnapDiskBuilder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class StackScannerTest {

    private static StorageStack scan(byte[]... images) {
        List<NamedImage> named = new java.util.ArrayList<>();
        for (int i = 0; i < images.length; i++) {
            named.add(new NamedImage("disk" + (i + 1), new ByteArraySource(images[i])));
        }
        return StackScanner.scan(named);
    }

    private static String stampAt(ImageSource src, long offset) throws Exception {
        return new String(src.readFully(offset, 7), StandardCharsets.US_ASCII);
    }

    @Test
    void shouldWalkFromDiskToThinPoolSubVolumes() throws Exception {
        QnapDiskBuilder b = new QnapDiskBuilder();
        StorageStack st = scan(b.build());
        DiskNode disk = st.disks().get(0);
        assertThat(disk.table().scheme()).isEqualTo(PartitionScheme.GPT);
        assertThat(disk.partitions()).hasSize(5);
        PartitionNode p3 = disk.partitions().get(2);
        assertThat(p3.startBytes()).isEqualTo(b.p3StartBytes());
        assertThat(p3.mdArrayUuid()).isEqualTo("e767caf1:30504500:f7da4b48:92bb490e");
        assertThat(st.arrays()).singleElement().satisfies(a -> {
            assertThat(a.array().displayName()).isEqualTo("md1");
            assertThat(a.array().sizeBytes()).isEqualTo(b.arrayBytes());
            assertThat(a.drbd().metadata()).isNull();
            assertThat(a.pv().uuid()).isEqualTo(b.pv.pvUuid);
        });
        VgNode vg = st.vg("vg1");
        assertThat(vg.vg().seqno()).isEqualTo(278);
        assertThat(vg.pvs()).containsOnlyKeys("pv0");
        assertThat(vg.lvs()).extracting(LvNode::name).containsExactly("tp1", "lv1", "lv2", "lv544", "tp1_tmeta", "tp1_tdata");
        LvNode lv544 = vg.lv("lv544");
        assertThat(lv544.placements()).singleElement().satisfies(p -> assertThat(p.imageSpans(0,
                QnapDiskBuilder.EXTENT_BYTES)).containsExactly(new Placement.ImageSpan(0, b.peImageOffset(7),
                QnapDiskBuilder.EXTENT_BYTES)));
        assertThat(stampAt(lv544.open(), 0)).isEqualTo("PE 0007");
        PoolNode pool = vg.pool("tp1");
        assertThat(pool.tiered()).isFalse();
        assertThat(pool.chunkSizeBytes()).isEqualTo(65536);
        assertThat(pool.transactionId()).isEqualTo(3);
        assertThat(pool.tmeta().name()).isEqualTo("tp1_tmeta");
        assertThat(stampAt(pool.tmeta().open(), 8192)).isEqualTo("PE 0000");
        assertThat(pool.data()).extracting(LvNode::name).containsExactly("tp1_tdata");
        ImageSource tdata = pool.data().get(0).open();
        assertThat(tdata.size()).isEqualTo(6 * QnapDiskBuilder.EXTENT_BYTES);
        assertThat(stampAt(tdata, 5 * QnapDiskBuilder.EXTENT_BYTES + 4096)).isEqualTo("PE 0006");
        assertThat(pool.thinVolumes()).extracting(LvNode::name).containsExactly("lv1", "lv2");
        assertThat(vg.lv("lv1").placements()).isEmpty();
        assertThat(st.pools()).containsExactly(pool);
        assertThat(st.logicalVolumes()).hasSize(6).contains(lv544);
        assertThat(st.allFindings()).filteredOn(f -> f.severity() != Severity.INFO).isEmpty();
    }

    @Test
    void shouldComposeLvMapsThroughTheDataOffsetOfAnMd12Member() throws Exception {
        QnapDiskBuilder b = new QnapDiskBuilder();
        b.mdVersion = "1.2";
        b.dataOffsetSectors = 2048;
        StorageStack st = scan(b.build());
        assertThat(st.arrays().get(0).array().memberIn(0).superblock().version().text()).isEqualTo("1.2");
        LvNode tdata = st.vg("vg1").lv("tp1_tdata");
        assertThat(tdata.placements().get(0).imageSpans(0, 6 * QnapDiskBuilder.EXTENT_BYTES))
                .containsExactly(new Placement.ImageSpan(0, b.peImageOffset(1), 6 * QnapDiskBuilder.EXTENT_BYTES));
        assertThat(b.peImageOffset(1)).isEqualTo(b.p3StartBytes() + (1 << 20) + (1 << 20) + QnapDiskBuilder.EXTENT_BYTES);
        assertThat(stampAt(tdata.open(), 0)).isEqualTo("PE 0001");
    }

    @Test
    void shouldResolveQnapTierPoolsToTheirTierDataLv() {
        QnapDiskBuilder b = new QnapDiskBuilder();
        b.poolType = "tier-thin-pool";
        b.dataName = "tp1_tierdata_0";
        PoolNode pool = scan(b.build()).vg("vg1").pool("tp1");
        assertThat(pool.tiered()).isTrue();
        assertThat(pool.pool().lv().hasFlag("ERROR_WHEN_FULL")).isTrue();
        assertThat(pool.data()).extracting(LvNode::name).containsExactly("tp1_tierdata_0");
        assertThat(pool.thinVolumes()).extracting(n -> n.lv().firstSegment().typeName()).containsExactly("thin", "thick");
    }

    @Test
    void shouldReadAMemberImagedWithoutPartitionTable() {
        QnapDiskBuilder b = new QnapDiskBuilder();
        b.withPartitionTable = false;
        b.diskBytes = 48 << 20;
        StorageStack st = scan(b.build());
        assertThat(st.disks().get(0).table().scheme()).isEqualTo(PartitionScheme.NONE);
        assertThat(st.vg("vg1").pool("tp1").tmeta().placements().get(0).imageSpans(0, QnapDiskBuilder.EXTENT_BYTES))
                .containsExactly(new Placement.ImageSpan(0, b.peImageOffset(0), QnapDiskBuilder.EXTENT_BYTES));
    }

    @Test
    void shouldPlaceVolumesOnEveryInSyncMirrorAndSkipAStaleOne() {
        QnapDiskBuilder a = new QnapDiskBuilder();
        a.md.devRoles = new int[] {0, 1, 2};
        a.md.raidDisks = 3;
        QnapDiskBuilder b = new QnapDiskBuilder();
        b.md.devRoles = a.md.devRoles;
        b.md.raidDisks = 3;
        b.md.devNumber = 1;
        QnapDiskBuilder c = new QnapDiskBuilder();
        c.md.devRoles = a.md.devRoles;
        c.md.raidDisks = 3;
        c.md.devNumber = 2;
        c.md.events = 3;
        StorageStack st = scan(a.build(), b.build(), c.build());
        ArrayNode arr = st.arrays().get(0);
        assertThat(arr.array().members()).hasSize(3);
        assertThat(arr.array().memberIn(0).label()).isEqualTo("disk1 p3");
        assertThat(arr.array().memberIn(1).label()).isEqualTo("disk2 p3");
        assertThat(arr.array().memberIn(2)).isNull();
        assertThat(arr.array().members().get(2).use()).isEqualTo(MdMember.Use.STALE);
        // the tmeta's bytes: one copy on each in-sync member, none on the stale one
        assertThat(st.vg("vg1").pool("tp1").tmeta().placements().get(0).imageSpans(0, 4096))
                .extracting(Placement.ImageSpan::imageIndex).containsExactly(0, 1);
        assertThat(arr.findings()).anySatisfy(f -> {
            assertThat(f.structure()).isEqualTo("md member disk3 p3");
            assertThat(f.message()).contains("stale");
        });
    }

    @Test
    void shouldFallBackToAnOlderGenerationWhenTheCommittedTextIsDamaged() {
        QnapDiskBuilder b = new QnapDiskBuilder();
        b.seqno = 279;
        QnapDiskBuilder older = new QnapDiskBuilder();
        older.seqno = 278;
        b.olderTexts.add(older.committedText());
        byte[] img = b.build();
        long committedAt = b.p3StartBytes() + 4096 + b.pv.textOffsets.get(1);
        img[(int) committedAt + 40] ^= 1;
        VgNode benign = scan(img).vg("vg1");
        // Still parses: the newer text is used, flagged as unverified.
        assertThat(benign.chosen().committed()).isTrue();
        assertThat(benign.chosen().checksumOk()).isFalse();
        assertThat(benign.findings()).anySatisfy(f -> assertThat(f.message()).contains("bad checksum seqno 279"));
        img[(int) committedAt + b.committedText().indexOf("physical_volumes {") + 17] = '=';
        VgNode vg = scan(img).vg("vg1");
        assertThat(vg.chosen().committed()).isFalse();
        assertThat(vg.vg().seqno()).isEqualTo(278);
        assertThat(vg.findings()).anySatisfy(f -> {
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.message()).contains("older generation seqno 278");
        });
        assertThat(vg.copies()).extracting(c -> c.seqno()).contains(279L, 278L);
    }

    @Test
    void shouldReportCopiesOfAnotherVgLikeSample02() {
        QnapDiskBuilder b = new QnapDiskBuilder();
        String vg288 = b.committedText().replaceFirst("vg1", "vg288");
        b.olderTexts.add(vg288);
        StorageStack st = scan(b.build());
        assertThat(st.volumeGroups()).extracting(VgNode::name).containsExactly("vg1");
        assertThat(st.vg("vg1").findings()).anySatisfy(f -> assertThat(f.message()).contains("describes VG \"vg288\""));
    }

    @Test
    void shouldLimitThePvToTheDrbdTail() {
        QnapDiskBuilder b = new QnapDiskBuilder();
        byte[] img = b.build();
        long tail = b.p3StartBytes() + b.arrayBytes() - 4096;
        long la = (b.arrayBytes() - (1 << 20)) / 512;
        for (int i = 0; i < 8; i++) {
            img[(int) tail + 7 - i] = (byte) (la >>> (8 * i));
        }
        img[(int) tail + 60] = (byte) 0x83;
        img[(int) tail + 61] = 0x74;
        img[(int) tail + 62] = 0x02;
        img[(int) tail + 63] = 0x6B;
        ArrayNode arr = scan(img).arrays().get(0);
        assertThat(arr.drbd().metadata().versionText()).isEqualTo("84 unclean");
        assertThat(arr.pv().sizeBytes()).isEqualTo(la * 512);
        assertThat(arr.findings()).anySatisfy(f -> {
            assertThat(f.structure()).isEqualTo("DRBD metadata");
            assertThat(f.offsetBytes()).isEqualTo(tail);
        });
    }

    @Test
    void shouldNameTheImageOffsetOfAnMdChecksumError() {
        QnapDiskBuilder b = new QnapDiskBuilder();
        byte[] img = b.build();
        long sbAt = b.p3StartBytes() + (((b.p3SizeBytes() / 512) - 16) & ~7L) * 512;
        img[(int) sbAt + 100] ^= 1;
        StorageStack st = scan(img);
        assertThat(st.allFindings()).anySatisfy(f -> {
            assertThat(f.structure()).isEqualTo("md superblock 1.0");
            assertThat(f.offsetBytes()).isEqualTo(sbAt + 216);
        });
        // The only member still gets read, flagged.
        assertThat(st.vg("vg1")).isNotNull();
        assertThat(st.arrays().get(0).array().members().get(0).superblock().role()).isNotEqualTo(MdRole.FAULTY);
    }
}
