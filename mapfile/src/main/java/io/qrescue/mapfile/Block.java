package io.qrescue.mapfile;

/**
 * A byte range {@code [pos, pos + size)} with ddrescue's invariants: {@code pos >= 0}, {@code size >= 0},
 * {@code pos + size <= Long.MAX_VALUE}. A size that would overflow, or a negative size, is clamped so the
 * block ends at {@code Long.MAX_VALUE} (ddrescue's "to the end of the device"; -1 is the usual spelling).
 */
public record Block(long pos, long size) {

    /** The largest position ddrescue can express (LLONG_MAX). */
    public static final long MAX_END = Long.MAX_VALUE;

    public Block {
        size = clampedSize(pos, size);
        pos = Math.max(0, pos);
    }

    /**
     * The size of a block given as {@code [pos, pos + size)} once clamped to ddrescue's invariants: a part before
     * 0 is cut off, and a negative size or one past {@link #MAX_END} ends the block at {@link #MAX_END}.
     */
    static long clampedSize(long pos, long size) {
        if (pos < 0) {
            if (size > 0) {
                size -= Math.min(size, -pos);
            }
            pos = 0;
        }
        return size < 0 || size > MAX_END - pos ? MAX_END - pos : size;
    }

    /** The block from {@code pos} to {@code end}, clamped like the canonical constructor. */
    public static Block between(long pos, long end) {
        return new Block(pos, end - pos);
    }

    public long end() {
        return pos + size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** True if the block reaches the largest expressible position. */
    public boolean isFull() {
        return end() >= MAX_END;
    }

    public boolean includes(Block other) {
        return pos <= other.pos && end() >= other.end();
    }

    public boolean includes(long position) {
        return pos <= position && end() > position;
    }

    public boolean strictlyIncludes(long position) {
        return pos < position && end() > position;
    }

    public boolean overlaps(Block other) {
        return pos < other.end() && other.pos < end();
    }

    /** True if this block lies entirely before {@code other} (ddrescue's {@code operator<}). */
    public boolean isBefore(Block other) {
        return end() <= other.pos;
    }

    /** The part of this block inside {@code other}; empty (at the later start) if they do not overlap. */
    public Block crop(Block other) {
        long p = Math.max(pos, other.pos);
        long s = Math.max(0L, Math.min(end(), other.end()) - p);
        return new Block(p, s);
    }

    /** This block moved by {@code offset} bytes, clamped at 0 and at {@link #MAX_END} (ddrescue: shift). */
    public Block shift(long offset) {
        if (offset >= 0) {
            long p = pos + Math.min(offset, MAX_END - pos);
            long s = Math.min(size, MAX_END - p);
            return new Block(p, s);
        }
        long p = pos + offset;
        if (p < 0) {
            return new Block(0, Math.max(size + p, 0));
        }
        return new Block(p, size);
    }

    /** Start moved up to the next multiple of {@code alignment}, if the block is large enough. */
    public Block alignPos(int alignment) {
        if (alignment > 1) {
            long disp = alignment - (pos % alignment);
            if (disp < alignment && disp < size) {
                return new Block(pos + disp, size - disp);
            }
        }
        return this;
    }

    /** End moved down to the previous multiple of {@code alignment}, if the block is large enough. */
    public Block alignEnd(int alignment) {
        if (alignment > 1) {
            long rest = end() % alignment;
            if (size > rest) {
                return new Block(pos, size - rest);
            }
        }
        return this;
    }

    @Override
    public String toString() {
        return String.format("[0x%X, 0x%X)", pos, end());
    }
}
