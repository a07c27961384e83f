package io.qrescue.recovery.stack.thin;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One device's mapping while the salvage rebuilds it: the leaves it takes mappings from (each with the key range
 * its parent gives it), the ranges still lost (with why), the ranges in doubt and the sources used.
 */
final class DeviceBuild {

    /** Mappings of leaf {@code leafBlock} inside {@code [from, to)}; {@code stale} ones drop freed data blocks. */
    record Piece(long leafBlock, long from, long to, boolean stale) {
    }

    private record Gap(long from, long to, String cause) {
    }

    final long deviceId;
    private final List<Piece> pieces = new ArrayList<>();
    private final TreeMap<Long, Gap> gaps = new TreeMap<>();
    private final List<MappingDoubt> doubts = new ArrayList<>();
    private final Set<String> sources = new LinkedHashSet<>();
    private boolean rebuilt;
    private long mapped;

    DeviceBuild(long deviceId) {
        this.deviceId = deviceId;
    }

    /** Takes leaf {@code leafBlock}'s mappings in {@code [from, to)}, {@code count} of them. */
    void addLeaf(long leafBlock, long from, long to, long count, boolean stale) {
        if (from >= to) {
            return;
        }
        pieces.add(new Piece(leafBlock, from, to, stale));
        mapped += count;
        covered(from, to);
    }

    /** Mapped blocks in the leaves taken so far. */
    long mapped() {
        return mapped;
    }

    List<Piece> pieces() {
        return pieces;
    }

    void addGap(long from, long to, String cause) {
        if (from < to) {
            covered(from, to);
            gaps.put(from, new Gap(from, to, cause));
        }
    }

    /** Removes {@code [from, to)} from the lost ranges. */
    void covered(long from, long to) {
        Map.Entry<Long, Gap> before = gaps.lowerEntry(from);
        if (before != null && before.getValue().to() > from) {
            Gap g = before.getValue();
            gaps.put(g.from(), new Gap(g.from(), from, g.cause()));
            if (g.to() > to) {
                gaps.put(to, new Gap(to, g.to(), g.cause()));
            }
        }
        for (Map.Entry<Long, Gap> e = gaps.ceilingEntry(from); e != null && e.getKey() < to;
                e = gaps.ceilingEntry(from)) {
            Gap g = gaps.remove(e.getKey());
            if (g.to() > to) {
                gaps.put(to, new Gap(to, g.to(), g.cause()));
            }
        }
    }

    /** The lost ranges, ascending, as {from, to} pairs. */
    List<long[]> gaps() {
        List<long[]> out = new ArrayList<>();
        for (Gap g : gaps.values()) {
            out.add(new long[] {g.from(), g.to()});
        }
        return out;
    }

    boolean hasGaps() {
        return !gaps.isEmpty();
    }

    /** The cause recorded for the lost range starting at {@code from}. */
    String gapCause(long from) {
        Gap g = gaps.get(from);
        return g == null ? "" : g.cause();
    }

    /** Drops every lost range (the details' mapped count proved nothing is missing). */
    void clearGaps() {
        gaps.clear();
    }

    void doubt(long from, long to, MappingDoubt.Kind kind, String cause) {
        if (from < to) {
            doubts.add(range(from, to, kind, cause));
        }
    }

    /** True when some range is already marked stale or ambiguous. */
    boolean hasDoubts() {
        return !doubts.isEmpty();
    }

    void source(String s) {
        sources.add(s);
    }

    void markRebuilt() {
        rebuilt = true;
    }

    boolean rebuilt() {
        return rebuilt;
    }

    List<String> sources() {
        return new ArrayList<>(sources);
    }

    /**
     * The doubts, lost ranges included, as ascending non-overlapping ranges: where kinds overlap, lost wins over
     * ambiguous, ambiguous over stale.
     */
    List<MappingDoubt> finalDoubts() {
        List<MappingDoubt> all = new ArrayList<>(doubts);
        for (Gap g : gaps.values()) {
            all.add(range(g.from(), g.to(), MappingDoubt.Kind.LOST, g.cause()));
        }
        // Paint ranges in rising rank: a later (stronger) kind overwrites what lies below it.
        all.sort(Comparator.comparingInt(DeviceBuild::rank));
        TreeMap<Long, MappingDoubt> painted = new TreeMap<>();
        for (MappingDoubt d : all) {
            Map.Entry<Long, MappingDoubt> before = painted.lowerEntry(d.keyFrom());
            if (before != null && before.getValue().keyTo() > d.keyFrom()) {
                MappingDoubt b = before.getValue();
                painted.put(b.keyFrom(), range(b.keyFrom(), d.keyFrom(), b.kind(), b.cause()));
                if (b.keyTo() > d.keyTo()) {
                    painted.put(d.keyTo(), range(d.keyTo(), b.keyTo(), b.kind(), b.cause()));
                }
            }
            for (Map.Entry<Long, MappingDoubt> e = painted.ceilingEntry(d.keyFrom());
                    e != null && e.getKey() < d.keyTo(); e = painted.ceilingEntry(d.keyFrom())) {
                MappingDoubt b = painted.remove(e.getKey());
                if (b.keyTo() > d.keyTo()) {
                    painted.put(d.keyTo(), range(d.keyTo(), b.keyTo(), b.kind(), b.cause()));
                }
            }
            painted.put(d.keyFrom(), d);
        }
        List<MappingDoubt> out = new ArrayList<>();
        for (MappingDoubt d : painted.values()) {
            MappingDoubt last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && last.keyTo() == d.keyFrom() && last.kind() == d.kind()
                    && last.cause().equals(d.cause())) {
                out.set(out.size() - 1, range(last.keyFrom(), d.keyTo(), d.kind(), d.cause()));
            } else {
                out.add(d);
            }
        }
        return out;
    }

    private MappingDoubt range(long from, long to, MappingDoubt.Kind kind, String cause) {
        return new MappingDoubt(deviceId, from, to, MappingDoubt.NO_BLOCK, kind, cause);
    }

    private static int rank(MappingDoubt d) {
        return switch (d.kind()) {
            case LOST -> 3;
            case AMBIGUOUS -> 2;
            case STALE -> 1;
        };
    }
}
