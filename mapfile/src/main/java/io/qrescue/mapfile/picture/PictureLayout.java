package io.qrescue.mapfile.picture;

import java.util.List;

/**
 * Where everything goes, in pixels, for both renderers: title line on top, then the grid, then the legend.
 * Text is drawn with {@link PixelFont} at {@link #scale} (SVG uses a monospace font of the same advance).
 */
final class PictureLayout {

    static final int MARGIN = 8;
    /** Larger pictures would need more than 256 MiB of pixels in memory. */
    static final long MAX_PIXELS = 1L << 26;
    /** Legend lines are at most this long; below that width the text is drawn at scale 1. */
    private static final int LEGEND_CHARS = 62;

    final int width;
    final int height;
    final int scale;          // font pixel size: 2, or 1 when a narrow picture leaves no room
    final int lineHeight;
    final int titleY;         // top of the title text, or -1 without a title
    final int mapX;
    final int mapY;
    final int columns;
    final int rows;
    final int pitch;          // cell pitch, grid line included
    final boolean gridLines;
    final int legendY;        // top of the first legend line
    final int legendLines;

    private PictureLayout(int width, int height, int scale, boolean title, int columns, int rows, int pitch,
                          boolean gridLines, int legendLines) {
        this.width = width;
        this.height = height;
        this.scale = scale;
        this.lineHeight = lineHeight(scale);
        this.titleY = title ? MARGIN : -1;
        this.mapX = MARGIN;
        this.mapY = MARGIN + (title ? lineHeight : 0);
        this.columns = columns;
        this.rows = rows;
        this.pitch = pitch;
        this.gridLines = gridLines;
        this.legendY = mapY + mapHeight() + lineHeight / 2;
        this.legendLines = legendLines;
    }

    /**
     * The grid and the picture size for {@code options} with {@code legendLines} legend lines. When the size
     * is given in pixels the grid fills the room left; when the grid is given the picture fits it, and
     * {@link #fitting(List, boolean)} later widens it for the texts.
     *
     * @throws IllegalArgumentException if the pixel size leaves no room for a single cell
     */
    static PictureLayout plan(PictureOptions options, int legendLines) {
        int pitch = options.cellPixels();
        boolean gridLines = options.drawsGridLines();
        int gridExtra = gridLines ? 1 : 0; // the closing grid line on the right and at the bottom
        boolean title = options.showTitle();
        if (!options.sizedByPixels()) {
            PictureLayout provisional = new PictureLayout(0, 0, 2, title, options.columns(), options.rows(), pitch,
                    gridLines, legendLines);
            return provisional.resized(provisional.mapWidth() + 2 * MARGIN, provisional.naturalHeight());
        }
        int width = options.widthPixels();
        int height = options.heightPixels();
        int scale = width - 2 * MARGIN >= textX(2) - MARGIN + LEGEND_CHARS * PixelFont.ADVANCE * 2 ? 2 : 1;
        int lh = lineHeight(scale);
        int freeHeight = height - 2 * MARGIN - (title ? lh : 0) - lh / 2 - legendLines * lh;
        int columns = (width - 2 * MARGIN - gridExtra) / pitch;
        int rows = (freeHeight - gridExtra) / pitch;
        if (columns < 1 || rows < 1) {
            throw new IllegalArgumentException("a picture of " + width + " x " + height
                    + " pixels leaves no room for the map; make it larger or the cells smaller");
        }
        if ((long) width * height > MAX_PIXELS) {
            throw new IllegalArgumentException("a picture of " + width + " x " + height + " pixels is larger"
                    + " than " + MAX_PIXELS + " pixels");
        }
        return new PictureLayout(width, height, scale, title, columns, rows, pitch, gridLines, legendLines);
    }

    /** This layout widened, in grid mode, so that every text fits; pixel-sized layouts stay as they are. */
    PictureLayout fitting(List<String> texts, boolean sizedByPixels) {
        if (sizedByPixels) {
            return this;
        }
        int needed = mapWidth() + 2 * MARGIN;
        for (int i = 0; i < texts.size(); i++) {
            boolean isTitle = titleY >= 0 && i == 0;
            int left = isTitle ? MARGIN : textX(scale);
            needed = Math.max(needed, left + PixelFont.width(texts.get(i), scale) + MARGIN);
        }
        return resized(needed, height);
    }

    private PictureLayout resized(int newWidth, int newHeight) {
        if ((long) newWidth * newHeight > MAX_PIXELS) {
            throw new IllegalArgumentException("a picture of " + newWidth + " x " + newHeight + " pixels is larger"
                    + " than " + MAX_PIXELS + " pixels; use fewer or smaller cells");
        }
        return new PictureLayout(newWidth, newHeight, scale, titleY >= 0, columns, rows, pitch, gridLines,
                legendLines);
    }

    private static int lineHeight(int scale) {
        return (PixelFont.GLYPH_HEIGHT + 4) * scale;
    }

    private int naturalHeight() {
        return legendY + legendLines * lineHeight + MARGIN;
    }

    /** Left edge of legend text, after the swatch. */
    static int textX(int scale) {
        return MARGIN + 12 * scale;
    }

    int textX() {
        return textX(scale);
    }

    /** Side of the square swatch in front of a legend line; as tall as a capital. */
    int swatchSize() {
        return PixelFont.GLYPH_HEIGHT * scale;
    }

    int legendLineY(int line) {
        return legendY + line * lineHeight;
    }

    int mapWidth() {
        return columns * pitch + (gridLines ? 1 : 0);
    }

    int mapHeight() {
        return rows * pitch + (gridLines ? 1 : 0);
    }

    /** Left edge of the box of {@code cell}: its left grid line if there are grid lines. */
    int boxX(int cell) {
        return mapX + (cell % columns) * pitch;
    }

    int boxY(int cell) {
        return mapY + (cell / columns) * pitch;
    }

    /** Offset of the last pixel of a cell's box from its first: the far grid line, or the last colour pixel. */
    int boxEdge() {
        return gridLines ? pitch : pitch - 1;
    }

    /** Left edge of the coloured part of {@code cell}. */
    int cellX(int cell) {
        return boxX(cell) + (gridLines ? 1 : 0);
    }

    int cellY(int cell) {
        return boxY(cell) + (gridLines ? 1 : 0);
    }

    /** Side of the coloured part of a cell. */
    int cellSize() {
        return gridLines ? pitch - 1 : pitch;
    }

    /** Thickness of the domain outline: two pixels when the cells can spare them. */
    int outlineThickness() {
        return pitch >= 4 ? 2 : 1;
    }
}
