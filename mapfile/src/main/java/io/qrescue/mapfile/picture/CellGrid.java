package io.qrescue.mapfile.picture;

import io.qrescue.mapfile.Block;
import io.qrescue.mapfile.BlockMap;
import io.qrescue.mapfile.BlockStatus;
import io.qrescue.mapfile.Domain;
import io.qrescue.mapfile.StatusBlock;

import java.util.BitSet;
import java.util.List;

/**
 * The map cut into {@code columns * rows} cells of equal byte size, in row-major order from position 0, with
 * the bytes of each status in each cell. Built in one ordered sweep over the blocks (and the domain's
 * blocks), so the cost is O(blocks + domain blocks + cells) whatever the device size.
 *
 * <p>As in ddrescueview, the cell size is rounded up to whole sectors (or, for small maps, to a whole
 * fraction of a sector), so cells at the end of the grid may lie beyond the map; they are undefined. Bytes
 * before the map's first block are undefined too.
 */
public final class CellGrid {

    /** Per-status byte counts take 48 bytes a cell; this caps the grid at 48 MiB (1024 x 1024 cells). */
    public static final int MAX_CELLS = 1 << 20;

    private final int columns;
    private final int rows;
    private final long cellBytes;
    private final long[] bytes; // [cell * SLOTS + slot]; slots: BlockStatus ordinals, then outside domain

    private CellGrid(int columns, int rows, long cellBytes) {
        this.columns = columns;
        this.rows = rows;
        this.cellBytes = cellBytes;
        this.bytes = new long[columns * rows * Palette.SLOTS];
    }

    /**
     * The grid of {@code blocks} from position 0 to the end of the last block.
     *
     * @param sectorSize cells hold whole sectors of this size, or whole fractions of one (ddrescueview: 512)
     * @param domain     if not null, bytes outside it count as "outside domain" instead of their status
     * @throws IllegalArgumentException if the grid is empty or has more than {@link #MAX_CELLS} cells
     */
    public static CellGrid of(BlockMap blocks, int columns, int rows, int sectorSize, Domain domain) {
        if (columns < 1 || rows < 1 || (long) columns * rows > MAX_CELLS) {
            throw new IllegalArgumentException("grid of " + columns + " x " + rows + " cells; at least 1 x 1 and"
                    + " at most " + MAX_CELLS + " cells");
        }
        if (sectorSize < 1) {
            throw new IllegalArgumentException("sector size " + sectorSize);
        }
        CellGrid grid = new CellGrid(columns, rows, cellBytesFor(blocks.extent().end(), columns * rows,
                sectorSize));
        grid.sweep(blocks, domain);
        return grid;
    }

    /**
     * The smallest cell size that lets {@code cells} cells cover {@code [0, end)} and is a whole number of
     * sectors or a whole fraction of one, so that no sector straddles two cells. ddrescueview only rounds up
     * to whole sectors, which leaves most of the grid empty for maps smaller than 512 bytes a cell.
     */
    static long cellBytesFor(long end, int cells, int sectorSize) {
        long perCell = Math.max(1, end / cells + (end % cells == 0 ? 0 : 1));
        if (perCell <= sectorSize) {
            long divisor = perCell;
            while (sectorSize % divisor != 0) {
                divisor++;
            }
            return divisor;
        }
        long rest = perCell % sectorSize;
        if (rest == 0 || perCell > Long.MAX_VALUE - sectorSize) {
            return perCell; // a map reaching Long.MAX_VALUE cannot round up; its cells stay unaligned
        }
        return perCell + sectorSize - rest;
    }

    private void sweep(BlockMap blocks, Domain domain) {
        List<Block> in = domain == null ? null : domain.blocks();
        int k = 0; // first domain block that may still overlap; only moves forwards
        for (StatusBlock sb : blocks) {
            int slot = sb.status().ordinal();
            long p = sb.pos();
            long end = sb.end();
            if (in == null) {
                add(p, end, slot);
                continue;
            }
            while (p < end) {
                while (k < in.size() && in.get(k).end() <= p) {
                    k++;
                }
                if (k == in.size() || in.get(k).pos() >= end) {
                    add(p, end, Palette.OUTSIDE_SLOT);
                    break;
                }
                Block db = in.get(k);
                if (db.pos() > p) {
                    add(p, db.pos(), Palette.OUTSIDE_SLOT);
                    p = db.pos();
                }
                long inEnd = Math.min(end, db.end());
                add(p, inEnd, slot);
                p = inEnd;
            }
        }
    }

    /** Adds the bytes of {@code [from, to)} to {@code slot} of every cell they touch. */
    private void add(long from, long to, int slot) {
        if (from >= to) {
            return;
        }
        int first = cellAt(from);
        int last = cellAt(to - 1);
        for (int cell = first; cell <= last; cell++) {
            long start = cellStart(cell);
            long cellEnd = start > Long.MAX_VALUE - cellBytes ? Long.MAX_VALUE : start + cellBytes;
            bytes[cell * Palette.SLOTS + slot] += Math.min(to, cellEnd) - Math.max(from, start);
        }
    }

    public int columns() {
        return columns;
    }

    public int rows() {
        return rows;
    }

    public int cellCount() {
        return columns * rows;
    }

    /** Bytes covered by each cell (the last cells may reach beyond the map). */
    public long cellBytes() {
        return cellBytes;
    }

    /** First position of {@code cell}; beyond the map for unused trailing cells. */
    public long cellStart(int cell) {
        return cell * cellBytes; // no overflow: (cells - 1) * cellBytes stays below the map's end
    }

    /** The cell holding {@code position}, or -1 if the grid does not reach it. */
    public int cellAt(long position) {
        if (position < 0) {
            return -1;
        }
        long cell = position / cellBytes;
        return cell < cellCount() ? (int) cell : -1;
    }

    /** Bytes of {@code status} in {@code cell} (inside the domain, if the grid has one). */
    public long bytes(int cell, BlockStatus status) {
        return bytes[cell * Palette.SLOTS + status.ordinal()];
    }

    /** Bytes of the map in {@code cell} that lie outside the domain; 0 without a domain. */
    public long outsideDomainBytes(int cell) {
        return bytes[cell * Palette.SLOTS + Palette.OUTSIDE_SLOT];
    }

    /** The cell's colour, 0xRRGGBB: ddrescueview's blend of the states present in it. */
    public int rgb(int cell) {
        return Palette.blend(presentSlots(cell));
    }

    /** Bit i set if slot i (status ordinal, or {@link Palette#OUTSIDE_SLOT}) has bytes in {@code cell}. */
    int presentSlots(int cell) {
        int mask = 0;
        int base = cell * Palette.SLOTS;
        for (int slot = 0; slot < Palette.SLOTS; slot++) {
            if (bytes[base + slot] > 0) {
                mask |= 1 << slot;
            }
        }
        return mask;
    }

    /** The cells that share at least one byte with {@code domain}; O(domain blocks + cells). */
    public BitSet cellsOverlapping(Domain domain) {
        BitSet cells = new BitSet(cellCount());
        for (Block b : domain.blocks()) {
            if (b.size() > 0) {
                int first = cellAt(b.pos());
                if (first < 0) {
                    break; // ordered: the rest lies beyond the grid too
                }
                int last = cellAt(b.end() - 1);
                cells.set(first, (last < 0 ? cellCount() - 1 : last) + 1);
            }
        }
        return cells;
    }
}
