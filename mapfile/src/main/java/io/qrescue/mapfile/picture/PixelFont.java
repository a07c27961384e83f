package io.qrescue.mapfile.picture;

/**
 * A 5 x 8 bitmap font for printable ASCII, drawn straight into an RGB pixel array. The PNG renderer uses it
 * instead of AWT fonts because those need fontconfig and installed fonts, which headless servers and slim
 * containers often lack (AWT then fails at the first drawString). It also makes the pictures identical on
 * every machine. Rows 0 to 6 hold capitals and digits, row 7 the descenders; other characters draw as '?'.
 */
final class PixelFont {

    static final int GLYPH_WIDTH = 5;
    static final int GLYPH_HEIGHT = 8;
    /** Horizontal distance from one character to the next, at scale 1. */
    static final int ADVANCE = GLYPH_WIDTH + 1;

    private static final long[] GLYPHS = new long[128]; // bit (row * 5 + col) set = ink

    static {
        glyph(' ', "");
        glyph('!', "..#..|..#..|..#..|..#..|..#..|.....|..#..");
        glyph('"', ".#.#.|.#.#.|.#.#.");
        glyph('#', ".#.#.|.#.#.|#####|.#.#.|#####|.#.#.|.#.#.");
        glyph('$', "..#..|.####|#.#..|.###.|..#.#|####.|..#..");
        glyph('%', "##...|##..#|...#.|..#..|.#...|#..##|...##");
        glyph('&', ".##..|#..#.|#.#..|.#...|#.#.#|#..#.|.##.#");
        glyph('\'', "..#..|..#..|.#...");
        glyph('(', "...#.|..#..|.#...|.#...|.#...|..#..|...#.");
        glyph(')', ".#...|..#..|...#.|...#.|...#.|..#..|.#...");
        glyph('*', ".....|..#..|#.#.#|.###.|#.#.#|..#..");
        glyph('+', ".....|..#..|..#..|#####|..#..|..#..");
        glyph(',', ".....|.....|.....|.....|.....|.##..|.##..|.#...");
        glyph('-', ".....|.....|.....|#####");
        glyph('.', ".....|.....|.....|.....|.....|.##..|.##..");
        glyph('/', ".....|....#|...#.|..#..|.#...|#....");
        glyph('0', ".###.|#...#|#..##|#.#.#|##..#|#...#|.###.");
        glyph('1', "..#..|.##..|..#..|..#..|..#..|..#..|.###.");
        glyph('2', ".###.|#...#|....#|...#.|..#..|.#...|#####");
        glyph('3', "#####|...#.|..#..|...#.|....#|#...#|.###.");
        glyph('4', "...#.|..##.|.#.#.|#..#.|#####|...#.|...#.");
        glyph('5', "#####|#....|####.|....#|....#|#...#|.###.");
        glyph('6', "..##.|.#...|#....|####.|#...#|#...#|.###.");
        glyph('7', "#####|....#|...#.|..#..|.#...|.#...|.#...");
        glyph('8', ".###.|#...#|#...#|.###.|#...#|#...#|.###.");
        glyph('9', ".###.|#...#|#...#|.####|....#|...#.|.##..");
        glyph(':', ".....|.##..|.##..|.....|.##..|.##..");
        glyph(';', ".....|.##..|.##..|.....|.##..|.##..|.#...");
        glyph('<', "...#.|..#..|.#...|#....|.#...|..#..|...#.");
        glyph('=', ".....|.....|#####|.....|#####");
        glyph('>', ".#...|..#..|...#.|....#|...#.|..#..|.#...");
        glyph('?', ".###.|#...#|....#|...#.|..#..|.....|..#..");
        glyph('@', ".###.|#...#|....#|.##.#|#.#.#|#.#.#|.###.");
        glyph('A', ".###.|#...#|#...#|#####|#...#|#...#|#...#");
        glyph('B', "####.|#...#|#...#|####.|#...#|#...#|####.");
        glyph('C', ".###.|#...#|#....|#....|#....|#...#|.###.");
        glyph('D', "###..|#..#.|#...#|#...#|#...#|#..#.|###..");
        glyph('E', "#####|#....|#....|####.|#....|#....|#####");
        glyph('F', "#####|#....|#....|####.|#....|#....|#....");
        glyph('G', ".###.|#...#|#....|#.###|#...#|#...#|.####");
        glyph('H', "#...#|#...#|#...#|#####|#...#|#...#|#...#");
        glyph('I', ".###.|..#..|..#..|..#..|..#..|..#..|.###.");
        glyph('J', "..###|...#.|...#.|...#.|...#.|#..#.|.##..");
        glyph('K', "#...#|#..#.|#.#..|##...|#.#..|#..#.|#...#");
        glyph('L', "#....|#....|#....|#....|#....|#....|#####");
        glyph('M', "#...#|##.##|#.#.#|#.#.#|#...#|#...#|#...#");
        glyph('N', "#...#|#...#|##..#|#.#.#|#..##|#...#|#...#");
        glyph('O', ".###.|#...#|#...#|#...#|#...#|#...#|.###.");
        glyph('P', "####.|#...#|#...#|####.|#....|#....|#....");
        glyph('Q', ".###.|#...#|#...#|#...#|#.#.#|#..#.|.##.#");
        glyph('R', "####.|#...#|#...#|####.|#.#..|#..#.|#...#");
        glyph('S', ".####|#....|#....|.###.|....#|....#|####.");
        glyph('T', "#####|..#..|..#..|..#..|..#..|..#..|..#..");
        glyph('U', "#...#|#...#|#...#|#...#|#...#|#...#|.###.");
        glyph('V', "#...#|#...#|#...#|#...#|#...#|.#.#.|..#..");
        glyph('W', "#...#|#...#|#...#|#.#.#|#.#.#|#.#.#|.#.#.");
        glyph('X', "#...#|#...#|.#.#.|..#..|.#.#.|#...#|#...#");
        glyph('Y', "#...#|#...#|.#.#.|..#..|..#..|..#..|..#..");
        glyph('Z', "#####|....#|...#.|..#..|.#...|#....|#####");
        glyph('[', ".###.|.#...|.#...|.#...|.#...|.#...|.###.");
        glyph('\\', ".....|#....|.#...|..#..|...#.|....#");
        glyph(']', ".###.|...#.|...#.|...#.|...#.|...#.|.###.");
        glyph('^', "..#..|.#.#.|#...#");
        glyph('_', ".....|.....|.....|.....|.....|.....|.....|#####");
        glyph('`', ".#...|..#..");
        glyph('a', ".....|.....|.###.|....#|.####|#...#|.####");
        glyph('b', "#....|#....|#.##.|##..#|#...#|#...#|####.");
        glyph('c', ".....|.....|.###.|#....|#....|#...#|.###.");
        glyph('d', "....#|....#|.##.#|#..##|#...#|#...#|.####");
        glyph('e', ".....|.....|.###.|#...#|#####|#....|.###.");
        glyph('f', "..##.|.#..#|.#...|###..|.#...|.#...|.#...");
        glyph('g', ".....|.....|.####|#...#|#...#|.####|....#|.###.");
        glyph('h', "#....|#....|#.##.|##..#|#...#|#...#|#...#");
        glyph('i', "..#..|.....|.##..|..#..|..#..|..#..|.###.");
        glyph('j', "...#.|.....|..##.|...#.|...#.|...#.|#..#.|.##..");
        glyph('k', "#....|#....|#..#.|#.#..|##...|#.#..|#..#.");
        glyph('l', ".##..|..#..|..#..|..#..|..#..|..#..|.###.");
        glyph('m', ".....|.....|##.#.|#.#.#|#.#.#|#...#|#...#");
        glyph('n', ".....|.....|#.##.|##..#|#...#|#...#|#...#");
        glyph('o', ".....|.....|.###.|#...#|#...#|#...#|.###.");
        glyph('p', ".....|.....|####.|#...#|#...#|####.|#....|#....");
        glyph('q', ".....|.....|.####|#...#|#...#|.####|....#|....#");
        glyph('r', ".....|.....|#.##.|##..#|#....|#....|#....");
        glyph('s', ".....|.....|.###.|#....|.###.|....#|####.");
        glyph('t', ".#...|.#...|###..|.#...|.#...|.#..#|..##.");
        glyph('u', ".....|.....|#...#|#...#|#...#|#..##|.##.#");
        glyph('v', ".....|.....|#...#|#...#|#...#|.#.#.|..#..");
        glyph('w', ".....|.....|#...#|#...#|#.#.#|#.#.#|.#.#.");
        glyph('x', ".....|.....|#...#|.#.#.|..#..|.#.#.|#...#");
        glyph('y', ".....|.....|#...#|#...#|#...#|.####|....#|.###.");
        glyph('z', ".....|.....|#####|...#.|..#..|.#...|#####");
        glyph('{', "...#.|..#..|..#..|.#...|..#..|..#..|...#.");
        glyph('|', "..#..|..#..|..#..|..#..|..#..|..#..|..#..");
        glyph('}', ".#...|..#..|..#..|...#.|..#..|..#..|.#...");
        glyph('~', ".....|.....|.#...|#.#.#|...#.");
    }

    private PixelFont() {
    }

    /** Rows of '#' (ink) and '.' separated by '|'; missing rows at the bottom are blank. */
    private static void glyph(char c, String rows) {
        long bits = 0;
        String[] lines = rows.isEmpty() ? new String[0] : rows.split("\\|");
        if (lines.length > GLYPH_HEIGHT) {
            throw new IllegalStateException("glyph '" + c + "' is too tall");
        }
        for (int row = 0; row < lines.length; row++) {
            if (lines[row].length() != GLYPH_WIDTH) {
                throw new IllegalStateException("glyph '" + c + "' row " + row + " is not 5 wide");
            }
            for (int col = 0; col < GLYPH_WIDTH; col++) {
                if (lines[row].charAt(col) == '#') {
                    bits |= 1L << (row * GLYPH_WIDTH + col);
                }
            }
        }
        GLYPHS[c] = bits;
    }

    /** True if {@code c} has a glyph of its own (printable ASCII). */
    static boolean hasGlyph(char c) {
        return c >= ' ' && c <= '~';
    }

    /** Ink of {@code c} at {@code (col, row)} of its 5 x 8 cell. */
    static boolean ink(char c, int col, int row) {
        long bits = GLYPHS[hasGlyph(c) ? c : '?'];
        return (bits >>> (row * GLYPH_WIDTH + col) & 1) != 0;
    }

    /** Width in pixels of {@code text} at {@code scale}, the gap after the last character included. */
    static int width(String text, int scale) {
        return text.length() * ADVANCE * scale;
    }

    /**
     * Draws {@code text} with its top-left corner at {@code (x, y)} into {@code pixels}, an image
     * {@code imageWidth} pixels wide, each font pixel a {@code scale x scale} square. Ink falling outside the
     * image is dropped, so long names are cut at the picture's edge.
     */
    static void draw(int[] pixels, int imageWidth, int x, int y, String text, int rgb, int scale) {
        int imageHeight = pixels.length / imageWidth;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int left = x + i * ADVANCE * scale;
            if (left >= imageWidth) {
                return;
            }
            for (int row = 0; row < GLYPH_HEIGHT; row++) {
                for (int col = 0; col < GLYPH_WIDTH; col++) {
                    if (ink(c, col, row)) {
                        fill(pixels, imageWidth, imageHeight, left + col * scale, y + row * scale, scale, rgb);
                    }
                }
            }
        }
    }

    private static void fill(int[] pixels, int imageWidth, int imageHeight, int x, int y, int size, int rgb) {
        for (int py = Math.max(0, y); py < Math.min(imageHeight, y + size); py++) {
            for (int px = Math.max(0, x); px < Math.min(imageWidth, x + size); px++) {
                pixels[py * imageWidth + px] = rgb;
            }
        }
    }
}
