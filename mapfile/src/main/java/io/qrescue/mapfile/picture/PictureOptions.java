package io.qrescue.mapfile.picture;

import io.qrescue.mapfile.Domain;

import java.util.Objects;

/**
 * How to draw a map picture. The size is given either as the whole picture in pixels (the grid then fills
 * what the title and legend leave free) or as a grid of columns and rows (the picture then grows to fit).
 * Start from {@link #defaults()} and change what you need with the {@code with...} methods.
 *
 * @param widthPixels    width of the whole picture, or 0 when the grid is given
 * @param heightPixels   height of the whole picture, or 0 when the grid is given
 * @param columns        cells per row, or 0 when the pixel size is given
 * @param rows           rows of cells, or 0 when the pixel size is given
 * @param cellPixels     pitch of one cell in pixels, grid line included (ddrescueview: 4 to 24, default 8)
 * @param gridLines      draw 1-pixel grid lines between cells; only when {@code cellPixels >= 3}
 * @param showTitle      draw the title line (name, extent, cell size)
 * @param name           what the title calls the map, usually its file name; may be empty
 * @param domain         area to show against the rest of the map, or null for none
 * @param domainStyle    how the domain is shown
 * @param sectorSize     cells hold whole sectors of this many bytes, or whole fractions of one (ddrescueview: 512)
 * @param binaryPrefixes sizes with KiB, MiB... instead of kB, MB... (ddrescue's -B)
 * @param domainLabel    what the legend calls the domain ("domain", or e.g. "metadata" for an overlay)
 */
public record PictureOptions(int widthPixels, int heightPixels, int columns, int rows, int cellPixels,
                             boolean gridLines, boolean showTitle, String name, Domain domain,
                             DomainStyle domainStyle, int sectorSize, boolean binaryPrefixes, String domainLabel) {

    /** How a domain is shown. */
    public enum DomainStyle {
        /** Cells touching the domain get a {@link Palette#DOMAIN_OUTLINE} border; colours and totals are of
         *  the whole map. For overlays such as "where the metadata lives". */
        OUTLINE,
        /** Bytes outside the domain blend as ddrescueview's "outside domain" (dark grey, weight 1); totals
         *  and percentages are of the domain only, as with {@code ddrescuelog -t -m}. */
        DIM
    }

    public static final int MAX_CELL_PIXELS = 64;

    public PictureOptions {
        boolean bySize = widthPixels > 0 && heightPixels > 0 && columns == 0 && rows == 0;
        boolean byGrid = columns > 0 && rows > 0 && widthPixels == 0 && heightPixels == 0;
        if (!bySize && !byGrid) {
            throw new IllegalArgumentException("give either a pixel size or a grid, both positive: "
                    + widthPixels + "x" + heightPixels + " pixels, " + columns + "x" + rows + " cells");
        }
        if (cellPixels < 1 || cellPixels > MAX_CELL_PIXELS) {
            throw new IllegalArgumentException("cell pitch must be 1 to " + MAX_CELL_PIXELS + " pixels: "
                    + cellPixels);
        }
        if (sectorSize < 1) {
            throw new IllegalArgumentException("sector size must be positive: " + sectorSize);
        }
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(domainStyle, "domainStyle");
        Objects.requireNonNull(domainLabel, "domainLabel");
    }

    /** The options before the domain label existed; the legend calls the domain "domain". */
    public PictureOptions(int widthPixels, int heightPixels, int columns, int rows, int cellPixels, boolean gridLines,
                          boolean showTitle, String name, Domain domain, DomainStyle domainStyle, int sectorSize,
                          boolean binaryPrefixes) {
        this(widthPixels, heightPixels, columns, rows, cellPixels, gridLines, showTitle, name, domain, domainStyle,
                sectorSize, binaryPrefixes, "domain");
    }

    /** 1024 x 768 pixels, 8-pixel cells with grid lines, a title without name, no domain, 512-byte sectors. */
    public static PictureOptions defaults() {
        return new PictureOptions(1024, 768, 0, 0, 8, true, true, "", null, DomainStyle.OUTLINE, 512, false);
    }

    /** True if the picture size is given in pixels and the grid follows from it. */
    public boolean sizedByPixels() {
        return widthPixels > 0;
    }

    /** True if grid lines are drawn: asked for, and the cells are large enough to spare a pixel. */
    public boolean drawsGridLines() {
        return gridLines && cellPixels >= 3;
    }

    /** The whole picture is {@code width x height} pixels; the grid fills the room left. */
    public PictureOptions withSize(int width, int height) {
        return new PictureOptions(width, height, 0, 0, cellPixels, gridLines, showTitle, name, domain,
                domainStyle, sectorSize, binaryPrefixes, domainLabel);
    }

    /** The grid has {@code cols x rowCount} cells; the picture is as large as they need. */
    public PictureOptions withGrid(int cols, int rowCount) {
        return new PictureOptions(0, 0, cols, rowCount, cellPixels, gridLines, showTitle, name, domain,
                domainStyle, sectorSize, binaryPrefixes, domainLabel);
    }

    public PictureOptions withCellPixels(int pixels) {
        return new PictureOptions(widthPixels, heightPixels, columns, rows, pixels, gridLines, showTitle, name,
                domain, domainStyle, sectorSize, binaryPrefixes, domainLabel);
    }

    /** Draws the title line, naming the map {@code mapName} (e.g. its file name). */
    public PictureOptions withTitle(String mapName) {
        return new PictureOptions(widthPixels, heightPixels, columns, rows, cellPixels, gridLines, true, mapName,
                domain, domainStyle, sectorSize, binaryPrefixes, domainLabel);
    }

    public PictureOptions withoutTitle() {
        return new PictureOptions(widthPixels, heightPixels, columns, rows, cellPixels, gridLines, false, name,
                domain, domainStyle, sectorSize, binaryPrefixes, domainLabel);
    }

    /** Shows {@code area} in {@code style}; a null area removes the domain. */
    public PictureOptions withDomain(Domain area, DomainStyle style) {
        return new PictureOptions(widthPixels, heightPixels, columns, rows, cellPixels, gridLines, showTitle, name,
                area, style, sectorSize, binaryPrefixes, domainLabel);
    }

    public PictureOptions withSectorSize(int bytes) {
        return new PictureOptions(widthPixels, heightPixels, columns, rows, cellPixels, gridLines, showTitle, name,
                domain, domainStyle, bytes, binaryPrefixes, domainLabel);
    }

    public PictureOptions withBinaryPrefixes(boolean binary) {
        return new PictureOptions(widthPixels, heightPixels, columns, rows, cellPixels, gridLines, showTitle, name,
                domain, domainStyle, sectorSize, binary, domainLabel);
    }

    /** The legend calls the domain {@code label} (e.g. "metadata" when the domain marks where metadata lives). */
    public PictureOptions withDomainLabel(String label) {
        return new PictureOptions(widthPixels, heightPixels, columns, rows, cellPixels, gridLines, showTitle, name,
                domain, domainStyle, sectorSize, binaryPrefixes, label);
    }
}
