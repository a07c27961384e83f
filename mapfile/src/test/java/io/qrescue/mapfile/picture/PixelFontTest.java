package io.qrescue.mapfile.picture;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PixelFontTest {

    private static String bitmap(char c) {
        StringBuilder sb = new StringBuilder();
        for (int row = 0; row < PixelFont.GLYPH_HEIGHT; row++) {
            for (int col = 0; col < PixelFont.GLYPH_WIDTH; col++) {
                sb.append(PixelFont.ink(c, col, row) ? '#' : '.');
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    @Test
    void shouldGiveEveryPrintableCharacterItsOwnGlyph() {
        Set<String> seen = new HashSet<>();
        for (char c = '!'; c <= '~'; c++) {
            String glyph = bitmap(c);
            assertThat(glyph).as("glyph of '%s'", c).contains("#");
            assertThat(seen.add(glyph)).as("glyph of '%s' is unique", c).isTrue();
        }
        assertThat(bitmap(' ')).doesNotContain("#");
    }

    @Test
    void shouldDrawOtherCharactersAsQuestionMarks() {
        assertThat(bitmap('é')).isEqualTo(bitmap('?'));
        assertThat(bitmap('\u0007')).isEqualTo(bitmap('?'));
    }

    @Test
    void shouldDrawScaledGlyphsAndClipAtTheEdge() {
        int width = 20;
        int[] pixels = new int[width * 20];

        PixelFont.draw(pixels, width, 1, 2, "-T", 0xABCDEF, 2);

        // '-' is row 3 full: pixels x 1..10, y 2 + 6 .. 2 + 7
        assertThat(pixels[8 * width + 1]).isEqualTo(0xABCDEF);
        assertThat(pixels[9 * width + 10]).isEqualTo(0xABCDEF);
        assertThat(pixels[10 * width + 10]).isZero();
        // 'T' starts at x 13 and is cut at x 19; its top row is ink from 13 on
        assertThat(pixels[2 * width + 13]).isEqualTo(0xABCDEF);
        assertThat(pixels[2 * width + 19]).isEqualTo(0xABCDEF);
        assertThat(PixelFont.width("-T", 2)).isEqualTo(24);
    }
}
