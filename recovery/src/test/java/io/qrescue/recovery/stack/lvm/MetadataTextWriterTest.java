package io.qrescue.recovery.stack.lvm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MetadataTextWriterTest {

    private static ConfigSection parse(String text) {
        ParsedText p = MetadataTextParser.parse(text);
        assertThat(p.findings()).isEmpty();
        return p.root();
    }

    @Test
    void shouldWriteWhatItReadsSoThatItReadsTheSame() {
        String once = MetadataTextWriter.write(parse(MetadataTextParserTest.qnapTierText()));
        String twice = MetadataTextWriter.write(parse(once));
        assertThat(twice).isEqualTo(once).doesNotContain("\t");
    }

    @Test
    void shouldKeepEscapesDecimalsNegativeNumbersAndOrder() {
        ConfigSection root = parse("a = \"q\\\"uote\\\\\"\nb = 1.5\nc = -3\nd = []\ns {\ne = 'x\\y'\n}\nf = 1\n");
        assertThat(root.string("a")).isEqualTo("q\"uote\\");
        assertThat(root.value("b")).isEqualTo(new ConfigValue.Float("1.5"));
        assertThat(root.value("c")).isEqualTo(new ConfigValue.Int(-3));
        assertThat(MetadataTextWriter.write(root))
                .isEqualTo("a = \"q\\\"uote\\\\\"\nb = 1.5\nc = -3\nd = []\ns {\n    e = \"x\\\\y\"\n}\nf = 1\n");
    }

    @Test
    void shouldWriteEditsWhereTheKeyWas() {
        ConfigSection root = parse("a = 1\nb = [\"X\"]\ns {\n}\n");
        root.set("a", new ConfigValue.Str("one"));
        root.set("z", new ConfigValue.Array(List.of(new ConfigValue.Int(0), new ConfigValue.Str("pv0"))));
        assertThat(root.remove("b")).isTrue();
        assertThat(root.remove("missing")).isFalse();
        assertThat(MetadataTextWriter.write(root)).isEqualTo("a = \"one\"\ns {\n}\nz = [0, \"pv0\"]\n");
        assertThat(root.removeIf(e -> e instanceof ConfigSection)).isTrue();
        assertThat(MetadataTextWriter.write(root)).isEqualTo("a = \"one\"\nz = [0, \"pv0\"]\n");
    }
}
