package io.qrescue.recovery.vm.lvmfix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qrescue.recovery.stack.lvm.ConfigSection;
import io.qrescue.recovery.stack.lvm.ConfigValue;
import io.qrescue.recovery.stack.lvm.MetadataTextParser;
import org.junit.jupiter.api.Test;

class StockMetadataRewriterTest {

    private static ConfigSection lv(ConfigSection root, String name) {
        return root.section("vg1").section("logical_volumes").section(name);
    }

    private static ConfigSection parse(String text) {
        var parsed = MetadataTextParser.parse(text);
        assertThat(parsed.findings()).isEmpty();
        return parsed.root();
    }

    @Test
    void shouldTurnTheQnapTierPoolIntoAStockThinPool() throws Exception {
        StockRewrite r = StockMetadataRewriter.rewrite("disk.img", Fixtures.qnapTierText());
        assertThat(r.vgName()).isEqualTo("vg1");
        assertThat(r.notConverted()).isEmpty();
        assertThat(r.changes()).contains(
                "tp1: segment1: type tier-thin-pool -> thin-pool",
                "tp1: segment1: pool data LV set to tp1_tierdata_0 (the only tier holding extents)",
                "tp1: segment1: dropped QNAP-only key tier_block_size",
                "tp1: segment1: dropped QNAP-only key auto_tiering",
                "lv1: dropped flag QNAP_FAST_CLONE (unknown to stock lvm2)",
                "lv2: segment1: type thick -> thin (a preallocated thin volume; same keys)");
        assertThat(r.changes()).anyMatch(c -> c.startsWith("tp1: segment1: dropped subsection tier_targets"));

        ConfigSection root = parse(r.restoreText());
        ConfigSection pool = lv(root, "tp1").section("segment1");
        assertThat(pool.string("type")).isEqualTo("thin-pool");
        assertThat(pool.string("pool")).isEqualTo("tp1_tierdata_0");
        assertThat(pool.string("metadata")).isEqualTo("tp1_tmeta");
        assertThat(pool.value("chunk_size")).isEqualTo(new ConfigValue.Int(128));
        assertThat(pool.value("tier_block_size")).isNull();
        assertThat(pool.sections()).isEmpty();
        assertThat(lv(root, "tp1").strings("status")).containsExactly("READ", "WRITE", "VISIBLE");
        assertThat(lv(root, "tp1").strings("flags")).containsExactly("ERROR_WHEN_FULL");
        assertThat(lv(root, "lv2").section("segment1").string("type")).isEqualTo("thin");
        assertThat(lv(root, "snap10001").strings("flags")).containsExactly("ACTIVATION_SKIP");
        assertThat(root.string("contents")).isEqualTo("Text Format Volume Group");
        assertThat(r.restoreText()).startsWith("# Stock lvm2 form of VG vg1").doesNotContain("\t");
    }

    @Test
    void shouldMoveErrorWhenFullFromStatusToFlagsOnPoolsOnly() throws Exception {
        String text = Fixtures.qnapTierText()
                .replace("status = [\"READ\", \"WRITE\", \"VISIBLE\"]\nflags = [\"ERROR_WHEN_FULL\"]",
                        "status = [\"READ\", \"WRITE\", \"VISIBLE\", \"ERROR_WHEN_FULL\", \"QNAP_X\"]\nflags = []")
                .replace("flags = [\"QNAP_FAST_CLONE\"]", "flags = [\"ERROR_WHEN_FULL\"]");
        StockRewrite r = StockMetadataRewriter.rewrite("disk.img", text);
        assertThat(r.changes()).contains("tp1: ERROR_WHEN_FULL moved from status to flags",
                "tp1: dropped status QNAP_X (unknown to stock lvm2, which would refuse the VG)",
                "lv1: dropped flag ERROR_WHEN_FULL (only pools carry it)");
        ConfigSection root = parse(r.restoreText());
        assertThat(lv(root, "tp1").strings("status")).containsExactly("READ", "WRITE", "VISIBLE");
        assertThat(lv(root, "tp1").strings("flags")).containsExactly("ERROR_WHEN_FULL");
        assertThat(lv(root, "lv1").strings("flags")).isEmpty();
    }

    @Test
    void shouldLeaveStockTextAlone() throws Exception {
        String stock = StockMetadataRewriter.rewrite("a", Fixtures.qnapTierText()).restoreText();
        StockRewrite again = StockMetadataRewriter.rewrite("b", stock);
        assertThat(again.needed()).isFalse();
    }

    @Test
    void shouldRefuseAPoolSpreadOverTiersAndSaySo() throws Exception {
        String twoTiers = Fixtures.qnapTierText().replace("tp1_tmeta {", """
                tp1_tierdata_1 {
                id = "TierD1-aaaa-bbbb-cccc-dddd-eeee-ffff08"
                status = ["READ", "WRITE"]
                segment_count = 1
                segment1 {
                start_extent = 0
                extent_count = 1
                type = "striped"
                stripe_count = 1
                stripes = ["pv0", 13]
                }
                }
                tp1_tmeta {""");
        StockRewrite r = StockMetadataRewriter.rewrite("disk.img", twoTiers);
        assertThat(r.notConverted()).containsExactly(
                "tp1: its data is spread over 2 tiers [tp1_tierdata_0, tp1_tierdata_1]; stock dm-thin has no "
                        + "tiering, so the pool and its thin volumes are left out",
                "lv1: its thin pool tp1 is left out, so is it",
                "lv2: its thin pool tp1 is left out, so is it",
                "snap10001: its thin pool tp1 is left out, so is it");
        ConfigSection root = parse(r.restoreText());
        assertThat(lv(root, "tp1")).isNull();
        assertThat(lv(root, "lv1")).isNull();
        assertThat(lv(root, "lv544")).isNotNull();
        assertThat(lv(root, "tp1_tierdata_1").strings("status")).contains("VISIBLE");
        assertThat(lv(root, "tp1_tmeta").strings("status")).contains("VISIBLE");
    }

    @Test
    void shouldLeaveOutAnLvOfAnUnknownSegmentType() throws Exception {
        String text = Fixtures.qnapTierText().replace("""
                type = "striped"
                stripe_count = 1

                stripes = [
                "pv0", 11
                ]""", """
                type = "flashcache"
                cache_dev = "ssd1\"""");
        StockRewrite r = StockMetadataRewriter.rewrite("disk.img", text);
        assertThat(r.notConverted()).containsExactly(
                "lv544: segment type 'flashcache' is unknown to stock lvm2; the LV is left out");
        assertThat(lv(parse(r.restoreText()), "lv544")).isNull();
    }

    @Test
    void shouldSayWhenTheTextHoldsNoVolumeGroup() {
        assertThatThrownBy(() -> StockMetadataRewriter.rewrite("x.vg", "contents = \"Text Format Volume Group\"\n"))
                .isInstanceOf(MetadataFormatException.class)
                .hasMessage("x.vg: no volume group section in the text");
    }

    @Test
    void shouldNameTheSourceAndLineOfASyntaxError() {
        assertThatThrownBy(() -> StockMetadataRewriter.rewrite("img.raw", "vg1 {\nid = \"x\"\nseqno 3\n}\n"))
                .isInstanceOf(MetadataFormatException.class)
                .hasMessage("img.raw: line 3: expected '=' or '{' after \"seqno\"");
    }
}
