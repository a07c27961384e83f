package io.qrescue.imager.device;

import java.nio.ByteBuffer;

/**
 * Sector alignment arithmetic and aligned buffers, shared by the sector-widening reader, the native devices and
 * the direct-I/O output. O_DIRECT on Linux needs the buffer address, the file offset and the length all to be
 * multiples of the device's logical sector size; a page-aligned buffer satisfies any sector size up to 4096.
 */
public final class Alignment {

    /** The page size of x86-64 and of the usual aarch64 kernels; buffers aligned to it suit any O_DIRECT use. */
    public static final int PAGE_SIZE = 4096;

    private Alignment() {
    }

    /**
     * The sector-aligned request that covers {@code [pos, pos + size)} (ddrescue -d, spec 2.2): it starts
     * {@code pre} bytes before {@code pos} and is {@code length} bytes long.
     */
    public record Span(long pos, int pre, int length) {

        /** End of the widened request. */
        public long end() {
            return pos + length;
        }
    }

    /** Widens {@code [pos, pos + size)} to whole sectors of {@code sectorSize} bytes. */
    public static Span widen(long pos, int size, int sectorSize) {
        requirePositive(sectorSize);
        int pre = (int) (pos % sectorSize);
        int tail = (int) ((pos + size) % sectorSize);
        int post = tail > 0 ? sectorSize - tail : 0;
        return new Span(pos - pre, pre, Math.addExact(Math.addExact(pre, size), post));
    }

    /** {@code value} rounded down to a multiple of {@code unit}. */
    public static long alignDown(long value, int unit) {
        requirePositive(unit);
        return value - Math.floorMod(value, unit);
    }

    /** {@code value} rounded up to a multiple of {@code unit}. */
    public static long alignUp(long value, int unit) {
        long down = alignDown(value, unit);
        return down == value ? value : Math.addExact(down, unit);
    }

    /** True if {@code value} is a multiple of {@code unit}. */
    public static boolean isAligned(long value, int unit) {
        requirePositive(unit);
        return value % unit == 0;
    }

    /**
     * A direct buffer of {@code capacity} bytes whose first byte lies at a multiple of {@code alignment} in
     * native memory, with position 0 (native calls receive the address of the first byte).
     */
    public static ByteBuffer allocateAligned(int capacity, int alignment) {
        requirePositive(alignment);
        // alignedSlice also rounds the end down to the alignment, so the raw buffer covers whole units.
        ByteBuffer raw = ByteBuffer.allocateDirect(Math.toIntExact(alignUp(capacity, alignment) + alignment - 1));
        return raw.alignedSlice(alignment).limit(capacity).slice();
    }

    private static void requirePositive(int unit) {
        if (unit < 1) {
            throw new IllegalArgumentException("alignment unit must be positive: " + unit);
        }
    }
}
