package io.qrescue.mapfile.picture;

import io.qrescue.mapfile.BlockStatus;
import org.junit.jupiter.api.Test;

import static io.qrescue.mapfile.BlockStatus.BAD_SECTOR;
import static io.qrescue.mapfile.BlockStatus.FINISHED;
import static io.qrescue.mapfile.BlockStatus.NON_SCRAPED;
import static io.qrescue.mapfile.BlockStatus.NON_TRIED;
import static io.qrescue.mapfile.BlockStatus.NON_TRIMMED;
import static org.assertj.core.api.Assertions.assertThat;

class PaletteTest {

    private static int mask(BlockStatus... statuses) {
        int mask = 0;
        for (BlockStatus s : statuses) {
            mask |= 1 << s.ordinal();
        }
        return mask;
    }

    @Test
    void shouldUseDdrescueviewColoursAndWeights() {
        // peers.md 3b, converted from Lazarus $BBGGRR
        assertThat(Palette.rgb(FINISHED)).isEqualTo(0x20E020);
        assertThat(Palette.rgb(NON_TRIED)).isEqualTo(0x909090);
        assertThat(Palette.rgb(NON_TRIMMED)).isEqualTo(0xFFE000);
        assertThat(Palette.rgb(NON_SCRAPED)).isEqualTo(0x2020FF);
        assertThat(Palette.rgb(BAD_SECTOR)).isEqualTo(0xFF0000);
        assertThat(Palette.OUTSIDE_DOMAIN).isEqualTo(0x343434);
        assertThat(Palette.UNDEFINED).isEqualTo(0x606060);
        assertThat(Palette.CURRENT_POSITION).isEqualTo(0x00FFFF);
        assertThat(new int[] {Palette.weight(FINISHED), Palette.weight(NON_TRIED), Palette.weight(NON_TRIMMED),
                Palette.weight(NON_SCRAPED), Palette.weight(BAD_SECTOR), Palette.OUTSIDE_DOMAIN_WEIGHT})
                .containsExactly(5, 3, 12, 20, 80, 1);
    }

    @Test
    void shouldGiveASingleStateItsOwnColour() {
        for (BlockStatus s : BlockStatus.values()) {
            assertThat(Palette.blend(mask(s))).isEqualTo(Palette.rgb(s));
        }
        assertThat(Palette.blend(1 << Palette.OUTSIDE_SLOT)).isEqualTo(Palette.OUTSIDE_DOMAIN);
        assertThat(Palette.blend(0)).isEqualTo(Palette.UNDEFINED);
    }

    @Test
    void shouldBlendByWeightAndTruncateLikeDdrescueview() {
        // finished + bad: R (5*0x20 + 80*0xFF)/85 = 20560/85 = 241, G 5*0xE0/85 = 13, B 5*0x20/85 = 1
        assertThat(Palette.blend(mask(FINISHED, BAD_SECTOR))).isEqualTo(0xF10D01);
        // non-tried + finished: R (3*0x90 + 5*0x20)/8 = 74, G (3*0x90 + 5*0xE0)/8 = 194, B 74
        assertThat(Palette.blend(mask(NON_TRIED, FINISHED))).isEqualTo(0x4AC24A);
        // non-tried + bad: R (432 + 20400)/83 = 250, G 432/83 = 5, B 5
        assertThat(Palette.blend(mask(NON_TRIED, BAD_SECTOR))).isEqualTo(0xFA0505);
        // all five (weights sum 120): R 24692/120 = 205, G 4880/120 = 40, B 5692/120 = 47
        assertThat(Palette.blend(mask(BlockStatus.values()))).isEqualTo(0xCD282F);
        // finished + outside domain: R (5*0x20 + 0x34)/6 = 35, G (5*0xE0 + 0x34)/6 = 195, B 35
        assertThat(Palette.blend(mask(FINISHED) | 1 << Palette.OUTSIDE_SLOT)).isEqualTo(0x23C323);
        // pending beats finished: non-scraped + finished: R (20*0x20 + 5*0x20)/25 = 32, G (640 + 1120)/25 = 70,
        // B (20*0xFF + 5*0x20)/25 = 210
        assertThat(Palette.blend(mask(NON_SCRAPED, FINISHED))).isEqualTo(0x2046D2);
    }

    @Test
    void shouldWriteSvgColours() {
        assertThat(Palette.hex(0x20E020)).isEqualTo("#20e020");
        assertThat(Palette.hex(0x00FFFF)).isEqualTo("#00ffff");
    }
}
