package io.qrescue.recovery.source;

/**
 * {@code length} bytes of a volume starting at {@code logicalStart} stored at {@code physicalStart} of the
 * underlying source, or nowhere ({@link #HOLE}: an unprovisioned thin block, read as zeros).
 */
public record Extent(long logicalStart, long length, long physicalStart) {

    /** {@link #physicalStart} of an extent that no bytes back. */
    public static final long HOLE = -1;

    public Extent {
        if (logicalStart < 0 || length <= 0 || (physicalStart < 0 && physicalStart != HOLE)) {
            throw new IllegalArgumentException("bad extent " + logicalStart + "+" + length + " @" + physicalStart);
        }
    }

    public static Extent hole(long logicalStart, long length) {
        return new Extent(logicalStart, length, HOLE);
    }

    public long logicalEnd() {
        return logicalStart + length;
    }

    public boolean isHole() {
        return physicalStart == HOLE;
    }

    /** The part of this extent inside logical {@code [from, to)}, or null when they do not meet. */
    public Extent clipLogical(long from, long to) {
        long s = Math.max(from, logicalStart);
        long e = Math.min(to, logicalEnd());
        if (s >= e) {
            return null;
        }
        return new Extent(s, e - s, isHole() ? HOLE : physicalStart + (s - logicalStart));
    }
}
