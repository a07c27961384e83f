package io.qrescue.recovery.vm.lvmfix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigTextParserTest {

    @Test
    void shouldParseTheOnDiskFormWithArraysCommentsAndTrailingHeader() throws Exception {
        ConfigSection root = ConfigTextParser.parse("t", Fixtures.qnapTierText());
        ConfigSection vg = root.section("vg1").orElseThrow();
        assertThat(vg.value("seqno")).contains(new ConfigValue.Whole(17));
        ConfigSection tp1 = vg.section("logical_volumes").flatMap(l -> l.section("tp1")).orElseThrow();
        assertThat(tp1.strings("status")).containsExactly("READ", "WRITE", "VISIBLE");
        assertThat(tp1.strings("flags")).containsExactly("ERROR_WHEN_FULL");
        ConfigSection lv544 = vg.section("logical_volumes").flatMap(l -> l.section("lv544")).orElseThrow();
        assertThat(lv544.section("segment1").orElseThrow().value("stripes")).contains(new ConfigValue.Array(
                List.of(new ConfigValue.Text("pv0"), new ConfigValue.Whole(11))));
        assertThat(root.text("contents")).contains("Text Format Volume Group");
        assertThat(root.value("version")).contains(new ConfigValue.Whole(1));
    }

    @Test
    void shouldWriteWhatItReadsSoThatItReadsTheSame() throws Exception {
        String once = ConfigTextWriter.write(ConfigTextParser.parse("t", Fixtures.qnapTierText()));
        String twice = ConfigTextWriter.write(ConfigTextParser.parse("t", once));
        assertThat(twice).isEqualTo(once).doesNotContain("\t");
    }

    @Test
    void shouldKeepEscapesDecimalsAndNegativeNumbers() throws Exception {
        ConfigSection root = ConfigTextParser.parse("t", "a = \"q\\\"uote\\\\\"\nb = 1.5\nc = -3\nd = []\n");
        assertThat(root.text("a")).contains("q\"uote\\");
        assertThat(root.value("b")).contains(new ConfigValue.Decimal("1.5"));
        assertThat(root.value("c")).contains(new ConfigValue.Whole(-3));
        assertThat(ConfigTextWriter.write(root)).isEqualTo("a = \"q\\\"uote\\\\\"\nb = 1.5\nc = -3\nd = []\n");
    }

    @Test
    void shouldNameTheLineOfAnError() {
        assertThatThrownBy(() -> ConfigTextParser.parse("img.raw", "vg1 {\nid = \"x\"\nseqno 3\n}\n"))
                .isInstanceOf(MetadataFormatException.class)
                .hasMessage("img.raw: line 3: expected '=' or '{' after 'seqno'");
        assertThatThrownBy(() -> ConfigTextParser.parse("img.raw", "vg1 {\nid = \"x\n"))
                .hasMessage("img.raw: line 2: unterminated string");
        assertThatThrownBy(() -> ConfigTextParser.parse("img.raw", "vg1 {\na = 1\n"))
                .hasMessage("img.raw: line 3: missing '}' at the end of the text");
    }
}
