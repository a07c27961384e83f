package io.qrescue.mapfile.picture;

import java.io.IOException;
import java.util.BitSet;

/**
 * Writes a picture as SVG text with the same layout as the PNG. Cells become one {@code rect} per run of
 * equal colour in a row, so a large map stays a small file; grid lines are one path drawn over them; the
 * legend is real text in a monospace font with the advance of {@link PixelFont}.
 */
final class SvgRenderer {

    private final PictureLayout layout;
    private final Appendable out;

    private SvgRenderer(PictureLayout layout, Appendable out) {
        this.layout = layout;
        this.out = out;
    }

    static void write(PictureLayout layout, CellGrid grid, Legend legend, BitSet outlined, int currentCell,
                      Appendable out) throws IOException {
        new SvgRenderer(layout, out).draw(grid, legend, outlined, currentCell);
    }

    private void draw(CellGrid grid, Legend legend, BitSet outlined, int currentCell) throws IOException {
        int w = layout.width;
        int h = layout.height;
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"").append(num(w))
                .append("\" height=\"").append(num(h)).append("\" viewBox=\"0 0 ").append(num(w)).append(' ')
                .append(num(h)).append("\" shape-rendering=\"crispEdges\">\n");
        rect(0, 0, w, h, PngRenderer.BACKGROUND);
        rect(layout.mapX, layout.mapY, layout.mapWidth(), layout.mapHeight(), Palette.GRID);
        drawCells(grid);
        if (layout.gridLines) {
            drawGridLines();
        }
        if (outlined != null) {
            drawOutline(outlined);
        }
        if (currentCell >= 0) {
            int size = layout.cellSize();
            ring(layout.cellX(currentCell) - 1, layout.cellY(currentCell) - 1, size + 2, 1,
                    Palette.CURRENT_POSITION);
        }
        int fontSize = 10 * layout.scale; // monospace advance is about 0.6 em: 6 pixels a character at scale 1
        if (legend.title() != null) {
            text(PictureLayout.MARGIN, layout.titleY, fontSize, legend.title());
        }
        int swatch = layout.swatchSize();
        for (int i = 0; i < legend.lines().size(); i++) {
            Legend.Line line = legend.lines().get(i);
            int y = layout.legendLineY(i);
            if (line.swatch() == Legend.Swatch.FILL) {
                rect(PictureLayout.MARGIN, y, swatch, swatch, line.rgb());
            } else {
                rect(PictureLayout.MARGIN, y, swatch, swatch, Palette.GRID);
                ring(PictureLayout.MARGIN, y, swatch, layout.scale, line.rgb());
            }
            text(layout.textX(), y, fontSize, line.text());
        }
        out.append("</svg>\n");
    }

    /** One rect per run of equal colour in a row; runs of the grid colour are left to the background. */
    private void drawCells(CellGrid grid) throws IOException {
        int columns = layout.columns;
        int size = layout.cellSize();
        for (int row = 0; row < layout.rows; row++) {
            int col = 0;
            while (col < columns) {
                int first = row * columns + col;
                int rgb = grid.rgb(first);
                int runEnd = col + 1;
                while (runEnd < columns && grid.rgb(row * columns + runEnd) == rgb) {
                    runEnd++;
                }
                if (rgb != Palette.GRID) {
                    // the run also covers the grid lines inside it; the grid-line path is drawn on top
                    rect(layout.cellX(first), layout.cellY(first), (runEnd - col - 1) * layout.pitch + size, size,
                            rgb);
                }
                col = runEnd;
            }
        }
    }

    /** The vertical grid lines, over the runs; horizontal ones are the gaps between rows of rects. */
    private void drawGridLines() throws IOException {
        StringBuilder d = new StringBuilder();
        for (int col = 1; col < layout.columns; col++) {
            d.append('M').append(layout.mapX + col * layout.pitch).append(".5 ").append(layout.mapY)
                    .append('v').append(layout.mapHeight());
        }
        if (d.length() > 0) {
            path(d, Palette.GRID, 1);
        }
    }

    /** Same borders as the PNG: where an outlined cell meets a cell on screen that is not outlined. */
    private void drawOutline(BitSet outlined) throws IOException {
        int t = layout.outlineThickness();
        int edge = layout.boxEdge();
        int columns = layout.columns;
        double half = t / 2.0;
        StringBuilder d = new StringBuilder();
        for (int cell = outlined.nextSetBit(0); cell >= 0; cell = outlined.nextSetBit(cell + 1)) {
            int x = layout.boxX(cell);
            int y = layout.boxY(cell);
            int col = cell % columns;
            if (col == 0 || !outlined.get(cell - 1)) {
                d.append('M').append(num(x + half)).append(' ').append(y).append('v').append(edge + 1);
            }
            if (col == columns - 1 || !outlined.get(cell + 1)) {
                d.append('M').append(num(x + edge + 1 - half)).append(' ').append(y).append('v').append(edge + 1);
            }
            if (cell < columns || !outlined.get(cell - columns)) {
                d.append('M').append(x).append(' ').append(num(y + half)).append('h').append(edge + 1);
            }
            if (cell + columns >= columns * layout.rows || !outlined.get(cell + columns)) {
                d.append('M').append(x).append(' ').append(num(y + edge + 1 - half)).append('h').append(edge + 1);
            }
        }
        if (d.length() > 0) {
            path(d, Palette.DOMAIN_OUTLINE, t);
        }
    }

    private void rect(int x, int y, int w, int h, int rgb) throws IOException {
        out.append("<rect x=\"").append(num(x)).append("\" y=\"").append(num(y)).append("\" width=\"")
                .append(num(w)).append("\" height=\"").append(num(h)).append("\" fill=\"")
                .append(Palette.hex(rgb)).append("\"/>\n");
    }

    /** A square ring of side {@code side} and thickness {@code t}, drawn as a stroke along its middle. */
    private void ring(int x, int y, int side, int t, int rgb) throws IOException {
        double half = t / 2.0;
        out.append("<rect x=\"").append(num(x + half)).append("\" y=\"").append(num(y + half))
                .append("\" width=\"").append(num(side - t)).append("\" height=\"").append(num(side - t))
                .append("\" fill=\"none\" stroke=\"").append(Palette.hex(rgb)).append("\" stroke-width=\"")
                .append(num(t)).append("\"/>\n");
    }

    private void path(CharSequence d, int rgb, int strokeWidth) throws IOException {
        out.append("<path d=\"").append(d).append("\" fill=\"none\" stroke=\"").append(Palette.hex(rgb))
                .append("\" stroke-width=\"").append(num(strokeWidth)).append("\"/>\n");
    }

    /** Text whose top is at {@code top}; SVG places text by its baseline, about 0.8 em lower. */
    private void text(int x, int top, int fontSize, String text) throws IOException {
        out.append("<text x=\"").append(num(x)).append("\" y=\"").append(num(top + 0.8 * fontSize))
                .append("\" font-family=\"monospace\" font-size=\"").append(num(fontSize))
                .append("\" fill=\"").append(Palette.hex(PngRenderer.TEXT))
                .append("\" xml:space=\"preserve\" style=\"white-space:pre\">").append(escape(text))
                .append("</text>\n");
    }

    private static String num(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    /**
     * {@code text} as XML character data: markup characters escaped, and characters XML 1.0 forbids
     * (controls, lone surrogates, U+FFFE/U+FFFF, which may occur in file names) replaced by '?'.
     */
    static String escape(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < text.length()
                            && Character.isLowSurrogate(text.charAt(i + 1))) {
                        sb.append(c).append(text.charAt(++i));
                    } else if ((c < 0x20 && c != '\t') || Character.isSurrogate(c) || c == 0xFFFE
                            || c == 0xFFFF) {
                        sb.append('?');
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
