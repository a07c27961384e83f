package io.qrescue.recovery.stack.lvm;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.recovery.source.Extent;
import io.qrescue.recovery.stack.testing.VgText;
import org.junit.jupiter.api.Test;

class VolumeGroupReaderTest {

    private static final String UUID = "lkTOn4W5NikjaJ5okoDjbAh5cc1xtN0J";

    @Test
    void shouldDecodeAQnapTierPoolWithItsFlagsAndKeys() {
        VgRead r = VolumeGroupReader.read(VgText.qnapPool(278, UUID, 5840623232L, 2048, 712966, "tier-thin-pool",
                "tp1_tierdata_0", 700000));
        assertThat(r.findings()).isEmpty();
        VolumeGroup vg = r.vg();
        assertThat(vg.name()).isEqualTo("vg1");
        assertThat(vg.seqno()).isEqualTo(278);
        assertThat(vg.extentSizeSectors()).isEqualTo(8192);
        assertThat(vg.status()).containsExactly("RESIZEABLE", "READ", "WRITE");
        PvEntry pv = vg.pv("pv0");
        assertThat(pv.rawId()).isEqualTo(UUID);
        assertThat(pv.peStartSectors()).isEqualTo(2048);
        assertThat(pv.peCount()).isEqualTo(712966);
        assertThat(pv.devSizeSectors()).isEqualTo(5840623232L);
        LogicalVolume tp1 = vg.lv("tp1");
        assertThat(tp1.kind()).isEqualTo(SegmentType.THIN_POOL);
        assertThat(tp1.hasFlag("ERROR_WHEN_FULL")).isTrue();
        LvSegment seg = tp1.firstSegment();
        assertThat(seg.typeName()).isEqualTo("tier-thin-pool");
        assertThat(seg.metadataLv()).isEqualTo("tp1_tmeta");
        assertThat(seg.poolDataLv()).isEqualTo("tp1_tierdata_0");
        assertThat(seg.chunkSizeSectors()).isEqualTo(128);
        assertThat(seg.transactionId()).isEqualTo(3);
        assertThat(seg.keys()).containsKeys("discards", "zero_new_blocks");
        LogicalVolume lv2 = vg.lv("lv2");
        assertThat(lv2.firstSegment().typeName()).isEqualTo("thick");
        assertThat(lv2.kind()).isEqualTo(SegmentType.THIN);
        assertThat(lv2.firstSegment().deviceId()).isEqualTo(2);
        assertThat(lv2.firstSegment().thinPool()).isEqualTo("tp1");
        assertThat(vg.lv("tp1_tmeta").visible()).isFalse();
        assertThat(vg.lv("lv544").firstSegment().stripes()).containsExactly(new Stripe("pv0", 700001));
    }

    @Test
    void shouldKeepUnknownSegmentTypesAndKeys() {
        String text = "vg9 { seqno = 1 extent_size = 8 physical_volumes { } logical_volumes { c { status = [\"READ\"]"
                + " segment_count = 1 segment1 { start_extent = 0 extent_count = 2 type = \"flashcache\""
                + " cache_dev = \"ssd\" qnap_weird = [1, 2] } } } }";
        VgRead r = VolumeGroupReader.read(text);
        LvSegment s = r.vg().lv("c").firstSegment();
        assertThat(s.type()).isEqualTo(SegmentType.FLASHCACHE);
        assertThat(s.keys()).containsKeys("cache_dev", "qnap_weird");
    }

    @Test
    void shouldReportOverlappingAndNonsenseSegments() {
        String text = "vg9 { seqno = 1 extent_size = 8 physical_volumes { pv0 { id = \"x\" pe_start = 0 pe_count = 9 } }"
                + " logical_volumes { l { segment_count = 3"
                + " segment1 { start_extent = 0 extent_count = 4 type = \"striped\" stripe_count = 1 stripes = [\"pv0\", 0] }"
                + " segment2 { start_extent = 2 extent_count = 4 type = \"striped\" stripe_count = 1 stripes = [\"pv0\", 5] }"
                + " segment3 { start_extent = -1 extent_count = 4 type = \"striped\" } } } }";
        VgRead r = VolumeGroupReader.read(text);
        assertThat(r.vg().lv("l").segments()).hasSize(1);
        assertThat(r.findings()).anySatisfy(f -> assertThat(f.message()).contains("overlaps"));
        assertThat(r.findings()).anySatisfy(f -> assertThat(f.message()).contains("start_extent -1"));
    }

    @Test
    void shouldMapLinearAndStripedSegmentsToPvBytes() {
        String text = "vg9 { seqno = 1 extent_size = 8 physical_volumes {"
                + " pv0 { id = \"a\" pe_start = 2048 pe_count = 100 } pv1 { id = \"b\" pe_start = 4096 pe_count = 100 } }"
                + " logical_volumes {"
                + " lin { segment_count = 2"
                + "  segment1 { start_extent = 0 extent_count = 2 type = \"striped\" stripe_count = 1 stripes = [\"pv0\", 10] }"
                + "  segment2 { start_extent = 2 extent_count = 1 type = \"striped\" stripe_count = 1 stripes = [\"pv0\", 50] } }"
                + " str { segment_count = 1"
                + "  segment1 { start_extent = 0 extent_count = 4 type = \"striped\" stripe_count = 2 stripe_size = 4"
                + "   stripes = [\"pv0\", 0, \"pv1\", 3] } } } }";
        VolumeGroup vg = VolumeGroupReader.read(text).vg();
        LvMapping lin = LvMapper.map(vg, vg.lv("lin"));
        assertThat(lin.findings()).isEmpty();
        assertThat(lin.sizeBytes()).isEqualTo(3 * 4096);
        assertThat(lin.singlePv()).isEqualTo("pv0");
        assertThat(lin.byPv().get("pv0").extents()).containsExactly(new Extent(0, 8192, 2048 * 512 + 10 * 4096),
                new Extent(8192, 4096, 2048 * 512 + 50 * 4096));
        LvMapping str = LvMapper.map(vg, vg.lv("str"));
        assertThat(str.findings()).isEmpty();
        assertThat(str.singlePv()).isNull();
        // 2 KiB chunks alternate pv0, pv1; row r is at r * 2 KiB on each PV.
        assertThat(str.byPv().get("pv0").lookup(0, 2048)).containsExactly(new Extent(0, 2048, 2048 * 512));
        assertThat(str.byPv().get("pv1").lookup(2048, 2048)).containsExactly(new Extent(2048, 2048, 4096 * 512 + 3 * 4096));
        assertThat(str.byPv().get("pv0").lookup(4096, 2048)).containsExactly(new Extent(4096, 2048, 2048 * 512 + 2048));
        assertThat(str.byPv().get("pv0").lookup(2048, 2048)).singleElement().satisfies(e -> assertThat(e.isHole()).isTrue());
    }
}
