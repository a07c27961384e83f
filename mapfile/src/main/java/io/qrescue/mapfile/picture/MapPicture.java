package io.qrescue.mapfile.picture;

import io.qrescue.mapfile.log.StatusTotals;
import io.qrescue.mapfile.Mapfile;
import io.qrescue.mapfile.MapfileFiles;
import io.qrescue.mapfile.RunStatus;

import java.awt.image.BufferedImage;
import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.Locale;
import java.util.Objects;

/**
 * A picture of a mapfile as ddrescueview draws it, ready to be written as PNG or SVG. Everything is computed
 * once by {@link #of}: later changes to the mapfile do not show.
 *
 * <pre>{@code
 * Mapfile map = MapfileReader.read(path, null);
 * MapPicture picture = MapPicture.of(map, PictureOptions.defaults().withTitle(path.getFileName().toString()));
 * picture.writeTo(Path.of("map.png"));   // or .svg; replaced atomically
 * }</pre>
 */
public final class MapPicture {

    /** The output formats, chosen by file name extension in {@link #writeTo(Path)}. */
    public enum Format {
        PNG, SVG;

        /** The format named by {@code file}'s extension (case-insensitive). */
        public static Format forFile(Path file) {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".png")) {
                return PNG;
            }
            if (name.endsWith(".svg")) {
                return SVG;
            }
            throw new IllegalArgumentException("can't tell the picture format of '" + file
                    + "'; name it *.png or *.svg");
        }
    }

    private final PictureLayout layout;
    private final CellGrid grid;
    private final StatusTotals totals;
    private final Legend legend;
    private final BitSet outlined;   // cells touching the domain in OUTLINE style, else null
    private final int currentCell;   // cell of the mapfile's current position, -1 if off the grid

    private MapPicture(PictureLayout layout, CellGrid grid, StatusTotals totals, Legend legend, BitSet outlined,
                       int currentCell) {
        this.layout = layout;
        this.grid = grid;
        this.totals = totals;
        this.legend = legend;
        this.outlined = outlined;
        this.currentCell = currentCell;
    }

    /**
     * Computes the picture of {@code mapfile}: cells, colours, totals and layout.
     *
     * @throws IllegalArgumentException if the options give no room for a cell, or too many cells or pixels
     */
    public static MapPicture of(Mapfile mapfile, PictureOptions options) {
        Objects.requireNonNull(mapfile, "mapfile");
        Objects.requireNonNull(options, "options");
        PictureLayout layout = PictureLayout.plan(options, Legend.lineCount(options));
        boolean dim = options.domain() != null && options.domainStyle() == PictureOptions.DomainStyle.DIM;
        CellGrid grid = CellGrid.of(mapfile.blocks(), layout.columns, layout.rows, options.sectorSize(),
                dim ? options.domain() : null);
        StatusTotals totals = StatusTotals.of(mapfile.blocks(), dim ? options.domain() : null);
        StatusTotals domainTotals = options.domain() == null ? null
                : dim ? totals : StatusTotals.of(mapfile.blocks(), options.domain());
        BitSet outlined = options.domain() != null && !dim ? grid.cellsOverlapping(options.domain()) : null;
        RunStatus runStatus = mapfile.runStatus();
        Legend legend = Legend.of(options, grid, totals, domainTotals, mapfile.currentPos(), runStatus);
        layout = layout.fitting(legend.texts(), options.sizedByPixels());
        return new MapPicture(layout, grid, totals, legend, outlined, grid.cellAt(mapfile.currentPos()));
    }

    /** The cells with their per-status bytes and colours. */
    public CellGrid grid() {
        return grid;
    }

    /**
     * The totals the legend shows: of the whole map, or of the domain in
     * {@link PictureOptions.DomainStyle#DIM} style (percentages of the domain's size, as {@code ddrescuelog -t}).
     */
    public StatusTotals totals() {
        return totals;
    }

    public int widthPixels() {
        return layout.width;
    }

    public int heightPixels() {
        return layout.height;
    }

    /** The picture as an RGB image. */
    public BufferedImage toImage() {
        return PngRenderer.render(layout, grid, legend, outlined, currentCell);
    }

    /** Writes the picture as PNG to {@code out}, which is flushed but not closed. */
    public void writePng(OutputStream out) throws IOException {
        PngRenderer.writePng(toImage(), out);
    }

    /** Writes the picture as an SVG document to {@code out}. */
    public void writeSvg(Appendable out) throws IOException {
        SvgRenderer.write(layout, grid, legend, outlined, currentCell, out);
    }

    /**
     * Writes the picture to {@code file} in the format its extension names, atomically: readers of
     * {@code file} see the old content or the complete picture, never a part, even after a crash.
     *
     * @throws IllegalArgumentException if the name ends neither in .png nor in .svg
     */
    public void writeTo(Path file) throws IOException {
        writeTo(file, Format.forFile(file));
    }

    /** Writes the picture to {@code file} in {@code format}, atomically (see {@link #writeTo(Path)}). */
    public void writeTo(Path file, Format format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (format == Format.PNG) {
            writePng(out);
        } else {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            writeSvg(writer);
            writer.flush();
        }
        new MapfileFiles().replace(file, out.toByteArray(), false);
    }

    /** For tests: where the cells and texts are. */
    PictureLayout layout() {
        return layout;
    }
}
