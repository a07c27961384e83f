package io.qrescue.mapfile.picture;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.IOException;
import java.io.OutputStream;
import java.util.BitSet;
import java.util.Iterator;

/**
 * Draws a picture into an RGB pixel array and encodes it as PNG. No {@code Graphics2D} and no AWT fonts: it
 * only fills rectangles and {@link PixelFont} glyphs, so it runs headless without an X display or fonts.
 */
final class PngRenderer {

    static final int BACKGROUND = 0xFFFFFF;
    static final int TEXT = 0x000000;

    private final PictureLayout layout;
    private final int[] pixels;

    private PngRenderer(PictureLayout layout, int[] pixels) {
        this.layout = layout;
        this.pixels = pixels;
    }

    /** The picture as an image of {@code layout.width x layout.height} pixels. */
    static BufferedImage render(PictureLayout layout, CellGrid grid, Legend legend, BitSet outlined,
                                int currentCell) {
        BufferedImage image = new BufferedImage(layout.width, layout.height, BufferedImage.TYPE_INT_RGB);
        int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        new PngRenderer(layout, pixels).draw(grid, legend, outlined, currentCell);
        return image;
    }

    /** Encodes {@code image} as PNG; buffers in memory, not in ImageIO's temporary files. */
    static void writePng(BufferedImage image, OutputStream out) throws IOException {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("png");
        if (!writers.hasNext()) {
            throw new IOException("this Java runtime has no PNG writer");
        }
        ImageWriter writer = writers.next();
        try (ImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(new IIOImage(image, null, null));
        } finally {
            writer.dispose();
        }
        out.flush();
    }

    private void draw(CellGrid grid, Legend legend, BitSet outlined, int currentCell) {
        fill(0, 0, layout.width, layout.height, BACKGROUND);
        fill(layout.mapX, layout.mapY, layout.mapWidth(), layout.mapHeight(), Palette.GRID);
        int size = layout.cellSize();
        for (int cell = 0; cell < grid.cellCount(); cell++) {
            fill(layout.cellX(cell), layout.cellY(cell), size, size, grid.rgb(cell));
        }
        if (outlined != null) {
            drawOutline(outlined);
        }
        if (currentCell >= 0) {
            frame(layout.cellX(currentCell) - 1, layout.cellY(currentCell) - 1, size + 2, 1,
                    Palette.CURRENT_POSITION);
        }
        if (legend.title() != null) {
            PixelFont.draw(pixels, layout.width, PictureLayout.MARGIN, layout.titleY, legend.title(), TEXT,
                    layout.scale);
        }
        int swatch = layout.swatchSize();
        for (int i = 0; i < legend.lines().size(); i++) {
            Legend.Line line = legend.lines().get(i);
            int y = layout.legendLineY(i);
            if (line.swatch() == Legend.Swatch.FILL) {
                fill(PictureLayout.MARGIN, y, swatch, swatch, line.rgb());
            } else {
                fill(PictureLayout.MARGIN, y, swatch, swatch, Palette.GRID);
                frame(PictureLayout.MARGIN, y, swatch, layout.scale, line.rgb());
            }
            PixelFont.draw(pixels, layout.width, layout.textX(), y, line.text(), TEXT, layout.scale);
        }
    }

    /** Borders each outlined cell on the sides where its neighbour on screen is not outlined. */
    private void drawOutline(BitSet outlined) {
        int t = layout.outlineThickness();
        int edge = layout.boxEdge();
        int columns = layout.columns;
        for (int cell = outlined.nextSetBit(0); cell >= 0; cell = outlined.nextSetBit(cell + 1)) {
            int x = layout.boxX(cell);
            int y = layout.boxY(cell);
            int col = cell % columns;
            if (col == 0 || !outlined.get(cell - 1)) {
                fill(x, y, t, edge + 1, Palette.DOMAIN_OUTLINE);
            }
            if (col == columns - 1 || !outlined.get(cell + 1)) {
                fill(x + edge + 1 - t, y, t, edge + 1, Palette.DOMAIN_OUTLINE);
            }
            if (cell < columns || !outlined.get(cell - columns)) {
                fill(x, y, edge + 1, t, Palette.DOMAIN_OUTLINE);
            }
            if (cell + columns >= layout.columns * layout.rows || !outlined.get(cell + columns)) {
                fill(x, y + edge + 1 - t, edge + 1, t, Palette.DOMAIN_OUTLINE);
            }
        }
    }

    /** A square ring of side {@code side} and thickness {@code t} with its top-left corner at (x, y). */
    private void frame(int x, int y, int side, int t, int rgb) {
        fill(x, y, side, t, rgb);
        fill(x, y + side - t, side, t, rgb);
        fill(x, y, t, side, rgb);
        fill(x + side - t, y, t, side, rgb);
    }

    /** Fills the part of the rectangle that lies inside the image. */
    private void fill(int x, int y, int w, int h, int rgb) {
        int x0 = Math.max(0, x);
        int x1 = Math.min(layout.width, x + w);
        for (int py = Math.max(0, y); py < Math.min(layout.height, y + h); py++) {
            int row = py * layout.width;
            for (int px = x0; px < x1; px++) {
                pixels[row + px] = rgb;
            }
        }
    }
}
