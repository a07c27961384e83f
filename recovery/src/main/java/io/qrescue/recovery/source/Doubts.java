package io.qrescue.recovery.source;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Runs of doubt carried through a stack of extent maps: a layer's own doubts, the doubts of the layer below seen
 * from above, and the bytes a map places on nothing below (a hole of the layer below, or past its end), which
 * would otherwise read as zeros. All runs are {@link Damage} in the upper layer's coordinates.
 */
public final class Doubts {

    private Doubts() {
    }

    /**
     * {@code runs} sorted and made disjoint: where runs overlap, the one that starts first (or, at the same start,
     * comes first) keeps the bytes, so the first cause given for a byte is the one reported.
     */
    public static List<Damage> disjoint(Collection<Damage> runs) {
        List<Damage> sorted = new ArrayList<>(runs);
        sorted.sort(Comparator.comparingLong(Damage::offset));
        List<Damage> out = new ArrayList<>();
        long end = Long.MIN_VALUE;
        for (Damage d : sorted) {
            Damage rest = d.end() <= end ? null : d.clipped(Math.max(end, d.offset()), d.end());
            if (rest != null) {
                out.add(rest);
                end = rest.end();
            }
        }
        return out;
    }

    /**
     * The runs {@code lowerRuns} of the layer below (in its coordinates) as the layer above sees them through
     * {@code upper} (upper bytes → lower bytes): every upper byte stored on a lower byte in a run, with that run's
     * kind, status and cause. Disjoint and sorted.
     */
    public static List<Damage> through(ExtentMap upper, List<Damage> lowerRuns) {
        List<Damage> out = new ArrayList<>();
        for (Damage d : lowerRuns) {
            for (Extent piece : upper.reverse(d.offset(), d.length())) {
                out.add(new Damage(piece.logicalStart(), piece.length(), d.kind(), d.status(),
                        d.origin() == null ? null : d.origin().plus(piece.physicalStart() - d.offset()), d.cause()));
            }
        }
        return disjoint(out);
    }

    /**
     * The bytes {@code upper} places (its extents that are not holes) where {@code lower} has none: on a hole of
     * {@code lower}, or past its end. They are of unknown provenance ({@code cause}), never zeros.
     */
    public static List<Damage> lostThrough(ExtentMap upper, ExtentMap lower, String cause) {
        List<Damage> out = new ArrayList<>();
        for (Extent e : upper.extents()) {
            if (e.isHole()) {
                continue;
            }
            long delta = e.logicalStart() - e.physicalStart();
            long covered = e.physicalStart();
            for (Extent piece : lower.lookup(e.physicalStart(), e.length())) {
                if (piece.isHole()) {
                    out.add(Damage.unknown(piece.logicalStart() + delta, piece.length(), cause));
                }
                covered = piece.logicalEnd();
            }
            long end = e.physicalStart() + e.length();
            if (covered < end) {
                out.add(Damage.unknown(covered + delta, end - covered, cause));
            }
        }
        return disjoint(out);
    }

    /** The holes of {@code map} (bytes no extent places), as unknown runs with {@code cause}. */
    public static List<Damage> holes(ExtentMap map, String cause) {
        List<Damage> out = new ArrayList<>();
        for (Extent e : map.extents()) {
            if (e.isHole()) {
                out.add(Damage.unknown(e.logicalStart(), e.length(), cause));
            }
        }
        return out;
    }

    /** One run of unknown provenance over the whole of a layer of {@code sizeBytes} (none for an empty layer). */
    public static List<Damage> whole(long sizeBytes, String cause) {
        return sizeBytes <= 0 ? List.of() : List.of(Damage.unknown(0, sizeBytes, cause));
    }
}
