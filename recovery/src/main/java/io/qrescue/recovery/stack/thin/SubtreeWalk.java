package io.qrescue.recovery.stack.thin;

import java.util.ArrayList;
import java.util.List;

/**
 * A mapping (sub)tree walked once by the salvage: the leaves it reaches with the key range each covers and how
 * many mappings it holds there, the ranges it cannot know (lost nodes below it), its key span and its newest
 * mapping time.
 */
record SubtreeWalk(long root, List<Leaf> leaves, List<Lost> lost, long lowKey, long highKey, long mapped,
        long maxTime) {

    /** Mappings of leaf {@code block} inside {@code [from, to)}: {@code count} of them. */
    record Leaf(long block, long from, long to, long count) {
    }

    /** Keys {@code [from, to)} below a node that could not be entered, and why. */
    record Lost(long from, long to, String why) {
    }

    boolean complete() {
        return lost.isEmpty();
    }

    /** True when the subtree holds nothing at all (an empty leaf, or only lost children). */
    boolean isEmpty() {
        return leaves.isEmpty();
    }

    /**
     * Walks {@code root}, bounded by its parent to {@code [keyFrom, keyTo)}, within {@code [windowFrom, windowTo)};
     * with {@code trimEdges} (a subtree found without its parent) the outer ranges shrink to the keys it really
     * holds, since nothing says where its parent's range began or ended.
     */
    static SubtreeWalk of(SalvageWalk walk, long root, long keyFrom, long keyTo, long windowFrom, long windowTo,
            boolean trimEdges) {
        List<Leaf> leaves = new ArrayList<>();
        List<Lost> lost = new ArrayList<>();
        long[] span = {Long.MAX_VALUE, -1, 0, 0, -1};
        walk.walk(root, keyFrom, keyTo, windowFrom, windowTo, 8, new SalvageWalk.Sink() {
            @Override
            public void leaf(BTreeNode leaf, long from, long to) {
                long lo = Math.max(from, windowFrom);
                long hi = Math.min(to, windowTo);
                long n = 0;
                for (int i = 0; i < leaf.nrEntries(); i++) {
                    long k = leaf.key(i);
                    if (k >= lo && k < hi) {
                        n++;
                        span[0] = Math.min(span[0], k);
                        span[1] = Math.max(span[1], k);
                        span[3] = Math.max(span[3], leaf.valueU64(i) & 0x3F_FFFFL);
                    }
                }
                span[2] += n;
                leaves.add(new Leaf(leaf.blockNr(), lo, hi, n));
            }

            @Override
            public void internal(BTreeNode node, long from, long to) {
                if (span[4] < 0) {
                    span[4] = node.key(0); // the top node's first key: no key of this subtree lies below it
                }
            }

            @Override
            public void lost(long blockNr, long from, long to, String why) {
                long lo = Math.max(from, windowFrom);
                long hi = Math.min(to, windowTo);
                if (lo < hi) {
                    lost.add(new Lost(lo, hi, why));
                }
            }
        });
        long low = span[0] == Long.MAX_VALUE ? windowFrom : span[0];
        long high = span[1] < 0 ? windowFrom : span[1] + 1;
        if (trimEdges) {
            long lowEdge = span[4] >= 0 ? Math.min(span[4], low) : low;
            List<Leaf> trimmed = new ArrayList<>();
            for (Leaf l : leaves) {
                long f = Math.max(l.from(), lowEdge);
                long t = Math.min(l.to(), high);
                if (f < t) {
                    trimmed.add(new Leaf(l.block(), f, t, l.count()));
                }
            }
            List<Lost> lostTrimmed = new ArrayList<>();
            for (Lost l : lost) {
                long f = Math.max(l.from(), lowEdge);
                if (f < l.to()) {
                    lostTrimmed.add(new Lost(f, l.to(), l.why()));
                }
            }
            return new SubtreeWalk(root, trimmed, lostTrimmed, lowEdge, high, span[2], span[3]);
        }
        return new SubtreeWalk(root, leaves, lost, low, high, span[2], span[3]);
    }
}
