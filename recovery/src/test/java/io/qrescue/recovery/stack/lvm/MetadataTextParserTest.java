package io.qrescue.recovery.stack.lvm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetadataTextParserTest {

    @Test
    void shouldParseSectionsValuesArraysAndComments() {
        ParsedText p = MetadataTextParser.parse("""
                # a backup file header
                contents = "Text Format Volume"   # trailing comment
                version = 1
                vg1 {
                	seqno = 278
                	neg = -5
                	ratio = 0.75
                	status = ["READ", "WRITE"]
                	empty = [ ]
                	mixed = ["pv0", 0, "pv1", 512]
                	single = 'no \\escape'
                	esc = "say \\"hi\\" \\\\ done"
                	inner { deep { k = 1 } }
                }
                """);
        assertThat(p.complete()).isTrue();
        ConfigSection root = p.root();
        assertThat(root.string("contents")).isEqualTo("Text Format Volume");
        assertThat(root.integer("version", -1)).isEqualTo(1);
        ConfigSection vg = root.section("vg1");
        assertThat(vg.integer("seqno", -1)).isEqualTo(278);
        assertThat(vg.integer("neg", 0)).isEqualTo(-5);
        assertThat(vg.value("ratio")).isEqualTo(new ConfigValue.Float("0.75"));
        assertThat(vg.strings("status")).containsExactly("READ", "WRITE");
        assertThat(vg.value("empty")).isEqualTo(new ConfigValue.Array(List.of()));
        assertThat(((ConfigValue.Array) vg.value("mixed")).elements()).containsExactly(new ConfigValue.Str("pv0"),
                new ConfigValue.Int(0), new ConfigValue.Str("pv1"), new ConfigValue.Int(512));
        assertThat(vg.string("single")).isEqualTo("no \\escape");
        assertThat(vg.string("esc")).isEqualTo("say \"hi\" \\ done");
        assertThat(vg.section("inner").section("deep").integer("k", 0)).isEqualTo(1);
        assertThat(vg.values().keySet()).startsWith("seqno", "neg", "ratio");
    }

    @Test
    void shouldKeepWhatParsedBeforeAnErrorAndNameItsOffset() {
        String text = "vg1 {\nseqno = 5\nbroken = \"unterminated\n}";
        ParsedText p = MetadataTextParser.parse(text);
        assertThat(p.complete()).isFalse();
        assertThat(p.root().section("vg1").integer("seqno", -1)).isEqualTo(5);
        assertThat(p.findings()).singleElement().satisfies(f -> {
            assertThat(f.offsetBytes()).isEqualTo(text.indexOf('"'));
            assertThat(f.message()).contains("unterminated");
        });
    }

    @Test
    void shouldReportEachKindOfSyntaxError() {
        assertThat(MetadataTextParser.parse("a = ").findings()).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("value"));
        assertThat(MetadataTextParser.parse("a { b = 1 ").findings()).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("ends inside section"));
        assertThat(MetadataTextParser.parse("a = [1, [2]]").findings()).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("array inside an array"));
        assertThat(MetadataTextParser.parse("}").findings()).hasSize(1);
        assertThat(MetadataTextParser.parse("a = 99999999999999999999").findings()).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("64-bit"));
        assertThat(MetadataTextParser.parse("a b").findings()).singleElement()
                .satisfies(f -> assertThat(f.offsetBytes()).isEqualTo(2));
        assertThat(MetadataTextParser.parse("a = 12abc").findings()).hasSize(1);
    }

    @Test
    void shouldRefuseNestingDeeperThanLvmWrites() {
        String deep = "a {".repeat(10_000);
        ParsedText p = MetadataTextParser.parse(deep);
        assertThat(p.findings()).singleElement().satisfies(f -> assertThat(f.message()).contains("nested deeper"));
    }

    @Test
    void shouldParseTheQnapOnDiskTextWithItsTrailingHeader() {
        ParsedText p = MetadataTextParser.parse(qnapTierText());
        assertThat(p.complete()).isTrue();
        ConfigSection vg = p.root().section("vg1");
        assertThat(vg.value("seqno")).isEqualTo(new ConfigValue.Int(17));
        ConfigSection tp1 = vg.section("logical_volumes").section("tp1");
        assertThat(tp1.strings("status")).containsExactly("READ", "WRITE", "VISIBLE");
        assertThat(tp1.strings("flags")).containsExactly("ERROR_WHEN_FULL");
        assertThat(vg.section("logical_volumes").section("lv544").section("segment1").value("stripes"))
                .isEqualTo(new ConfigValue.Array(List.of(new ConfigValue.Str("pv0"), new ConfigValue.Int(11))));
        assertThat(p.root().string("contents")).isEqualTo("Text Format Volume Group");
        assertThat(p.root().value("version")).isEqualTo(new ConfigValue.Int(1));
    }

    @Test
    void shouldKeepAssignmentsAndSectionsInTextOrder() {
        ConfigSection root = MetadataTextParser.parse("a = 1\ns {\n}\nb = 2\nt {\n}\na = 3\n").root();
        assertThat(root.entries()).extracting(ConfigEntry::name).containsExactly("a", "s", "b", "t", "a");
        assertThat(root.values()).containsExactly(Map.entry("a", new ConfigValue.Int(3)),
                Map.entry("b", new ConfigValue.Int(2)));
        assertThat(root.integer("a", -1)).isEqualTo(3);
    }

    @Test
    void shouldTakeArraysAsLvmDoesWithOptionalCommas() {
        ConfigSection root = MetadataTextParser.parse("a = [1 2, 3,]\nb = [\"x\"\n\"y\"]\n").root();
        assertThat(root.value("a")).isEqualTo(new ConfigValue.Array(List.of(new ConfigValue.Int(1),
                new ConfigValue.Int(2), new ConfigValue.Int(3))));
        assertThat(root.strings("b")).containsExactly("x", "y");
        assertThat(MetadataTextParser.parse("a = [, 1]").findings()).hasSize(1);
    }

    @Test
    void shouldNameTheSourceAndLineOfAnError() {
        assertThat(MetadataTextParser.parse("vg1 {\nid = \"x\"\nseqno 3\n}\n").errorLine("img.raw"))
                .isEqualTo("img.raw: line 3: expected '=' or '{' after \"seqno\"");
        assertThat(MetadataTextParser.parse("vg1 {\nid = \"x\n").errorLine("img.raw"))
                .isEqualTo("img.raw: line 2: unterminated string");
        assertThat(MetadataTextParser.parse("vg1 {\na = 1\n").errorLine("img.raw"))
                .isEqualTo("img.raw: line 3: text ends inside section \"vg1\"");
        assertThat(MetadataTextParser.parse("vg1 {\n}\n").errorLine("img.raw")).isNull();
    }

    /** The QNAP tier VG of the stock-rewrite tests (on-disk form: VG section first, header keys after it). */
    static String qnapTierText() {
        try (InputStream in = MetadataTextParserTest.class.getResourceAsStream(
                "/io/qrescue/recovery/vm/lvmfix/qnap-tier-vg1.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
