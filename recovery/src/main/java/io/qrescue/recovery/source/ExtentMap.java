package io.qrescue.recovery.source;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Where every byte of a volume lies in the source below it: ordered, non-overlapping extents covering
 * {@code [0, logicalSize)} without gaps (holes are explicit). Adjacent extents that continue each other are
 * merged, so a fully allocated thin volume is one extent per physically contiguous run.
 */
public final class ExtentMap {

    private final Extent[] byLogical;
    /**
     * Non-hole extents ordered by physical start, for the reverse lookup (bad image range → volume ranges); built on
     * the first {@link #reverse} call, since maps of millions of thin extents are mostly only read forwards.
     */
    private volatile Extent[] byPhysical;
    private final long logicalSize;

    private ExtentMap(Extent[] byLogical, long logicalSize) {
        this.byLogical = byLogical;
        this.logicalSize = logicalSize;
    }

    private Extent[] byPhysical() {
        Extent[] sorted = byPhysical;
        if (sorted == null) {
            sorted = Arrays.stream(byLogical).filter(e -> !e.isHole())
                    .sorted(Comparator.comparingLong(Extent::physicalStart)).toArray(Extent[]::new);
            byPhysical = sorted;
        }
        return sorted;
    }

    /** The identity map of a volume that is the first {@code size} bytes of its source. */
    public static ExtentMap linear(long size) {
        return size == 0 ? new ExtentMap(new Extent[0], 0) : new ExtentMap(new Extent[] {new Extent(0, size, 0)}, size);
    }

    /** Builds extents added in logical order; gaps between them become holes. */
    public static Builder builder() {
        return new Builder();
    }

    public long logicalSize() {
        return logicalSize;
    }

    public List<Extent> extents() {
        return List.of(byLogical);
    }

    /** The pieces of logical {@code [from, from + length)}, in order, clipped to it. */
    public List<Extent> lookup(long from, long length) {
        long to = Math.min(logicalSize, from + length);
        List<Extent> out = new ArrayList<>();
        for (int i = firstEndingAfter(from); i < byLogical.length && byLogical[i].logicalStart() < to; i++) {
            Extent c = byLogical[i].clipLogical(from, to);
            if (c != null) {
                out.add(c);
            }
        }
        return out;
    }

    /** The logical pieces stored in physical {@code [from, from + length)}, ordered by logical start. */
    public List<Extent> reverse(long from, long length) {
        long to = from + length;
        List<Extent> out = new ArrayList<>();
        // Extents do not overlap physically in a sane map, but snapshots share blocks: scan from the first
        // extent that could reach 'from' (all extents starting before 'to' whose end passes 'from').
        Extent[] byPhysical = byPhysical();
        int lo = 0;
        int hi = byPhysical.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (byPhysical[mid].physicalStart() < to) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        for (int i = 0; i < lo; i++) {
            Extent e = byPhysical[i];
            long s = Math.max(from, e.physicalStart());
            long t = Math.min(to, e.physicalStart() + e.length());
            if (s < t) {
                out.add(new Extent(e.logicalStart() + (s - e.physicalStart()), t - s, s));
            }
        }
        out.sort(Comparator.comparingLong(Extent::logicalStart));
        return out;
    }

    /**
     * This volume seen through {@code lower}: physical offsets of this map are logical offsets of {@code lower}
     * (an LV on a PV that is itself an md array), so the result maps straight onto {@code lower}'s source.
     */
    public ExtentMap through(ExtentMap lower) {
        Builder b = builder();
        for (Extent e : byLogical) {
            if (e.isHole()) {
                b.add(e);
                continue;
            }
            for (Extent piece : lower.lookup(e.physicalStart(), e.length())) {
                long logical = e.logicalStart() + (piece.logicalStart() - e.physicalStart());
                b.add(new Extent(logical, piece.length(), piece.physicalStart()));
            }
        }
        return b.build(logicalSize);
    }

    private int firstEndingAfter(long pos) {
        int lo = 0;
        int hi = byLogical.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (byLogical[mid].logicalEnd() <= pos) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Collects extents in logical order and merges those that continue each other. */
    public static final class Builder {
        private final List<Extent> extents = new ArrayList<>();
        private long end;

        private Builder() {
        }

        /** Adds an extent at or after the end of the previous one; a gap before it becomes a hole. */
        public Builder add(Extent e) {
            if (e.logicalStart() < end) {
                throw new IllegalArgumentException("extent at " + e.logicalStart() + " overlaps or precedes " + end);
            }
            if (e.logicalStart() > end) {
                append(Extent.hole(end, e.logicalStart() - end));
            }
            append(e);
            return this;
        }

        private void append(Extent e) {
            if (!extents.isEmpty()) {
                Extent last = extents.get(extents.size() - 1);
                boolean continues = last.isHole() ? e.isHole()
                        : !e.isHole() && last.physicalStart() + last.length() == e.physicalStart();
                if (continues) {
                    extents.set(extents.size() - 1, new Extent(last.logicalStart(), last.length() + e.length(),
                            last.physicalStart()));
                    end = e.logicalEnd();
                    return;
                }
            }
            extents.add(e);
            end = e.logicalEnd();
        }

        /** The map of a volume of {@code logicalSize} bytes; a tail not covered is a hole. */
        public ExtentMap build(long logicalSize) {
            if (end > logicalSize) {
                throw new IllegalArgumentException("extents reach " + end + ", past the volume size " + logicalSize);
            }
            if (end < logicalSize) {
                append(Extent.hole(end, logicalSize - end));
            }
            return new ExtentMap(extents.toArray(new Extent[0]), logicalSize);
        }
    }
}
