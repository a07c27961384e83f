package io.qrescue.mapfile.picture;

import io.qrescue.mapfile.BlockStatus;

/**
 * ddrescueview 0.4.5's colours and blend weights (docs/peers.md 3b), as 0xRRGGBB. Lazarus writes its colours
 * as $BBGGRR; the values here are already converted.
 */
public final class Palette {

    /** Cells the map does not reach, and the 1-pixel grid lines between cells. */
    public static final int UNDEFINED = 0x606060;
    public static final int GRID = 0x606060;
    /** Bytes outside the domain when the domain style is {@link PictureOptions.DomainStyle#DIM}. */
    public static final int OUTSIDE_DOMAIN = 0x343434;
    public static final int OUTSIDE_DOMAIN_WEIGHT = 1;
    /** Frame around the cell holding the mapfile's current position. */
    public static final int CURRENT_POSITION = 0x00FFFF;
    /** Outline of the domain in {@link PictureOptions.DomainStyle#OUTLINE}; ours, ddrescueview has none. */
    public static final int DOMAIN_OUTLINE = 0xFF00FF;

    /** Slot of "outside domain" after the five statuses, which use their ordinals. */
    static final int OUTSIDE_SLOT = 5;
    static final int SLOTS = 6;

    // indexed by BlockStatus ordinal: non-tried, non-trimmed, non-scraped, bad-sector, finished; then outside
    private static final int[] RGB = {0x909090, 0xFFE000, 0x2020FF, 0xFF0000, 0x20E020, OUTSIDE_DOMAIN};
    private static final int[] WEIGHT = {3, 12, 20, 80, 5, OUTSIDE_DOMAIN_WEIGHT};

    private Palette() {
    }

    /** The colour of a cell holding only {@code status}. */
    public static int rgb(BlockStatus status) {
        return RGB[status.ordinal()];
    }

    /** How strongly {@code status} pulls a mixed cell towards its colour. */
    public static int weight(BlockStatus status) {
        return WEIGHT[status.ordinal()];
    }

    /**
     * The colour of a cell in which the states of {@code presentSlots} (bit i = slot i) occur. As in
     * ddrescueview, only presence counts, not the number of bytes: one bad sector in a cell of a gigabyte
     * weighs 80 against finished's 5, so the cell turns almost fully red. Each channel is the weighted mean,
     * truncated like ddrescueview's integer {@code div}. No state at all gives {@link #UNDEFINED}.
     */
    static int blend(int presentSlots) {
        if (presentSlots == 0) {
            return UNDEFINED;
        }
        int r = 0;
        int g = 0;
        int b = 0;
        int total = 0;
        for (int slot = 0; slot < SLOTS; slot++) {
            if ((presentSlots & (1 << slot)) != 0) {
                int w = WEIGHT[slot];
                r += w * (RGB[slot] >> 16 & 0xFF);
                g += w * (RGB[slot] >> 8 & 0xFF);
                b += w * (RGB[slot] & 0xFF);
                total += w;
            }
        }
        return (r / total) << 16 | (g / total) << 8 | b / total;
    }

    /** {@code rgb} as SVG writes it: {@code #rrggbb}. */
    static String hex(int rgb) {
        return String.format("#%06x", rgb & 0xFFFFFF);
    }
}
