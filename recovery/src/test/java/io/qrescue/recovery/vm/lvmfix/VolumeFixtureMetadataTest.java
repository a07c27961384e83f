package io.qrescue.recovery.vm.lvmfix;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.recovery.source.FileImageSource;
import io.qrescue.recovery.stack.lvm.ConfigSection;
import io.qrescue.recovery.stack.lvm.MetadataTextParser;
import io.qrescue.recovery.stack.lvm.MetadataTextWriter;
import io.qrescue.recovery.stack.lvm.ParsedText;
import io.qrescue.recovery.vm.volume.VolumeFixtures;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed QNAP-like volumes (made by real mdadm and lvm2 in the appliance) as oracles: the PV is found in
 * partition 3 (after the md 1.2 data offset where there is one), the tier variant is rewritten with exactly one
 * change, and its stock form describes the same LVs and segments as the vgcfgbackup taken before the variant was
 * made.
 */
class VolumeFixtureMetadataTest {

    @TempDir
    Path dir;

    private PvMetadata read(String fixture, long expectedPvOffset) throws Exception {
        Path image = VolumeFixtures.unpack(fixture, VolumeFixtures.firstImage(fixture), dir);
        try (FileImageSource source = FileImageSource.open(image)) {
            List<Long> offsets = PvLocator.pvOffsets(source);
            assertThat(offsets).containsExactly(expectedPvOffset);
            return CommittedText.read(source, offsets.get(0), image.toString());
        }
    }

    private static ConfigSection vg1(String text) {
        ParsedText parsed = MetadataTextParser.parse(text);
        assertThat(parsed.findings()).isEmpty();
        return parsed.root().section("vg1");
    }

    @Test
    void shouldRewriteTheTierVariantBackToWhatLvmWroteBeforeIt() throws Exception {
        // tier-rewrite.txt: "PV starts at image byte 8507392"
        assertThat(VolumeFixtures.oracle("md10-tier", "tier-rewrite.txt")).contains("PV starts at image byte 8507392");
        PvMetadata m = read("md10-tier", 8507392);
        assertThat(m.text()).contains("type = \"tier-thin-pool\"");
        StockRewrite r = StockMetadataRewriter.rewrite("md10-tier", m.text());
        assertThat(r.changes()).containsExactly("tp1: segment1: type tier-thin-pool -> thin-pool");
        assertThat(r.notConverted()).isEmpty();

        ConfigSection ours = vg1(r.restoreText());
        ConfigSection lvms = vg1(VolumeFixtures.oracle("md10-tier", "vgcfgbackup-vg1.txt"));
        assertThat(MetadataTextWriter.write(ours.section("logical_volumes")))
                .isEqualTo(MetadataTextWriter.write(lvms.section("logical_volumes")));
        assertThat(MetadataTextWriter.write(ours.section("physical_volumes")).replaceAll("device = .*", ""))
                .isEqualTo(MetadataTextWriter.write(lvms.section("physical_volumes")).replaceAll("device = .*", ""));
    }

    @Test
    void shouldLeaveStockVolumesAsTheyAre() throws Exception {
        // md 1.2: the PV starts after the member's data offset (2048 sectors) inside partition 3
        PvMetadata md12 = read("md12-single", 8507392 + 2048 * 512);
        assertThat(StockMetadataRewriter.rewrite("md12", md12.text()).needed()).isFalse();
        PvMetadata md10 = read("md10-single", 8507392);
        assertThat(StockMetadataRewriter.rewrite("md10", md10.text()).needed()).isFalse();
    }
}
