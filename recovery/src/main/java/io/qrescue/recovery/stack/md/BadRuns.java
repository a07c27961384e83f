package io.qrescue.recovery.stack.md;

import io.qrescue.recovery.source.Damage;
import java.util.List;

/** A member's damage runs over a window of member offsets, ordered, with lookups by position. */
final class BadRuns {

    static final BadRuns NONE = new BadRuns(List.of());

    private final List<Damage> runs;

    BadRuns(List<Damage> runs) {
        this.runs = runs;
    }

    boolean isEmpty() {
        return runs.isEmpty();
    }

    List<Damage> runs() {
        return runs;
    }

    /** The run covering {@code pos}, or null. */
    Damage at(long pos) {
        int i = firstEndingAfter(pos);
        return i < runs.size() && runs.get(i).offset() <= pos ? runs.get(i) : null;
    }

    /** True when some run meets {@code [from, to)}. */
    boolean meets(long from, long to) {
        int i = firstEndingAfter(from);
        return i < runs.size() && runs.get(i).offset() < to;
    }

    /** The first run edge (start or end) after {@code pos}, or {@link Long#MAX_VALUE}. */
    long nextEdgeAfter(long pos) {
        int i = firstEndingAfter(pos);
        if (i >= runs.size()) {
            return Long.MAX_VALUE;
        }
        Damage d = runs.get(i);
        return d.offset() > pos ? d.offset() : d.end();
    }

    private int firstEndingAfter(long pos) {
        int lo = 0;
        int hi = runs.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (runs.get(mid).end() <= pos) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
