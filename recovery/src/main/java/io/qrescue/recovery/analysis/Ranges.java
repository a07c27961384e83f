package io.qrescue.recovery.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** An immutable set of byte ranges {@code [start, end)}, kept sorted, disjoint and merged. */
final class Ranges {

    static final Ranges EMPTY = new Ranges(new long[0], new long[0]);

    private final long[] starts;
    private final long[] ends;

    private Ranges(long[] starts, long[] ends) {
        this.starts = starts;
        this.ends = ends;
    }

    static Ranges of(long start, long end) {
        return start < end ? new Ranges(new long[] {start}, new long[] {end}) : EMPTY;
    }

    /** The union of {@code [s, e)} pairs given in any order. */
    static Ranges union(List<long[]> pairs) {
        List<long[]> sorted = new ArrayList<>();
        for (long[] p : pairs) {
            if (p[0] < p[1]) {
                sorted.add(p);
            }
        }
        sorted.sort(Comparator.comparingLong(p -> p[0]));
        List<long[]> merged = new ArrayList<>();
        for (long[] p : sorted) {
            long[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && p[0] <= last[1]) {
                last[1] = Math.max(last[1], p[1]);
            } else {
                merged.add(new long[] {p[0], p[1]});
            }
        }
        long[] s = new long[merged.size()];
        long[] e = new long[merged.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = merged.get(i)[0];
            e[i] = merged.get(i)[1];
        }
        return new Ranges(s, e);
    }

    int count() {
        return starts.length;
    }

    long start(int i) {
        return starts[i];
    }

    long end(int i) {
        return ends[i];
    }

    boolean isEmpty() {
        return starts.length == 0;
    }

    long totalBytes() {
        long n = 0;
        for (int i = 0; i < starts.length; i++) {
            n += ends[i] - starts[i];
        }
        return n;
    }

    List<long[]> pairs() {
        List<long[]> out = new ArrayList<>(starts.length);
        for (int i = 0; i < starts.length; i++) {
            out.add(new long[] {starts[i], ends[i]});
        }
        return out;
    }

    Ranges union(Ranges other) {
        List<long[]> all = pairs();
        all.addAll(other.pairs());
        return union(all);
    }

    Ranges intersect(Ranges other) {
        List<long[]> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < starts.length && j < other.starts.length) {
            long s = Math.max(starts[i], other.starts[j]);
            long e = Math.min(ends[i], other.ends[j]);
            if (s < e) {
                out.add(new long[] {s, e});
            }
            if (ends[i] < other.ends[j]) {
                i++;
            } else {
                j++;
            }
        }
        return union(out);
    }

    Ranges intersect(long start, long end) {
        return intersect(of(start, end));
    }

    Ranges minus(Ranges other) {
        List<long[]> out = new ArrayList<>();
        int j = 0;
        for (int i = 0; i < starts.length; i++) {
            long cur = starts[i];
            while (j < other.starts.length && other.ends[j] <= cur) {
                j++;
            }
            int k = j;
            while (cur < ends[i] && k < other.starts.length && other.starts[k] < ends[i]) {
                if (other.starts[k] > cur) {
                    out.add(new long[] {cur, other.starts[k]});
                }
                cur = Math.max(cur, other.ends[k]);
                k++;
            }
            if (cur < ends[i]) {
                out.add(new long[] {cur, ends[i]});
            }
        }
        return union(out);
    }
}
