package io.qrescue.recovery.analysis;

import io.qrescue.mapfile.Block;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * An immutable set of byte ranges {@code [start, end)}, kept sorted, disjoint and merged. Ranges go in and out as
 * mapfile {@link Block}s (the project's one byte-range type).
 */
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

    /** The union of {@code blocks} given in any order (empty ones are ignored). */
    static Ranges union(List<Block> blocks) {
        List<Block> sorted = new ArrayList<>();
        for (Block b : blocks) {
            if (!b.isEmpty()) {
                sorted.add(b);
            }
        }
        sorted.sort(Comparator.comparingLong(Block::pos));
        long[] s = new long[sorted.size()];
        long[] e = new long[sorted.size()];
        int n = 0;
        for (Block b : sorted) {
            if (n > 0 && b.pos() <= e[n - 1]) {
                e[n - 1] = Math.max(e[n - 1], b.end());
            } else {
                s[n] = b.pos();
                e[n] = b.end();
                n++;
            }
        }
        return new Ranges(java.util.Arrays.copyOf(s, n), java.util.Arrays.copyOf(e, n));
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

    /** The ranges in order. */
    List<Block> blocks() {
        List<Block> out = new ArrayList<>(starts.length);
        for (int i = 0; i < starts.length; i++) {
            out.add(Block.between(starts[i], ends[i]));
        }
        return out;
    }

    Ranges union(Ranges other) {
        List<Block> all = blocks();
        all.addAll(other.blocks());
        return union(all);
    }

    Ranges intersect(Ranges other) {
        List<Block> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < starts.length && j < other.starts.length) {
            long s = Math.max(starts[i], other.starts[j]);
            long e = Math.min(ends[i], other.ends[j]);
            if (s < e) {
                out.add(Block.between(s, e));
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
        List<Block> out = new ArrayList<>();
        int j = 0;
        for (int i = 0; i < starts.length; i++) {
            long cur = starts[i];
            while (j < other.starts.length && other.ends[j] <= cur) {
                j++;
            }
            int k = j;
            while (cur < ends[i] && k < other.starts.length && other.starts[k] < ends[i]) {
                if (other.starts[k] > cur) {
                    out.add(Block.between(cur, other.starts[k]));
                }
                cur = Math.max(cur, other.ends[k]);
                k++;
            }
            if (cur < ends[i]) {
                out.add(Block.between(cur, ends[i]));
            }
        }
        return union(out);
    }
}
