package io.qrescue.recovery.stack.thin;

import java.util.HashSet;
import java.util.Set;

/**
 * A key-ordered walk over the nodes a {@link NodeScan} found valid, restricted to a key window, that reports
 * every subtree it cannot enter (lost, invalid, out of range, a cycle, keys outside what the parent gives) with
 * the key range the parent gives it. All walks of one salvage share a budget of node visits proportional to the
 * metadata size, so no input can make the salvage run longer than a few passes over its blocks.
 */
final class SalvageWalk {

    /** Receives what a walk finds; {@code keyTo} is exclusive. */
    interface Sink {
        void leaf(BTreeNode leaf, long keyFrom, long keyTo);

        default void internal(BTreeNode node, long keyFrom, long keyTo) {
        }

        /** Nothing below {@code blockNr} (bounded by its parent to {@code [keyFrom, keyTo)}) is known. */
        void lost(long blockNr, long keyFrom, long keyTo, String why);
    }

    private final NodeScan scan;
    private long budget;

    SalvageWalk(NodeScan scan, long budget) {
        this.scan = scan;
        this.budget = budget;
    }

    boolean exhausted() {
        return budget <= 0;
    }

    /** Walks the whole tree at {@code root}. */
    void walk(long root, int leafValueSize, Sink sink) {
        walk(root, 0, Long.MAX_VALUE, 0, Long.MAX_VALUE, leafValueSize, sink);
    }

    /**
     * Walks the subtree at {@code root}, which its parent bounds to {@code [keyFrom, keyTo)}, entering only
     * children whose range meets {@code [windowFrom, windowTo)}.
     */
    void walk(long root, long keyFrom, long keyTo, long windowFrom, long windowTo, int leafValueSize, Sink sink) {
        visit(root, keyFrom, keyTo, windowFrom, windowTo, 0, leafValueSize, new HashSet<>(), sink);
    }

    private void visit(long blockNr, long keyFrom, long keyTo, long windowFrom, long windowTo, int depth,
            int leafValueSize, Set<Long> ancestors, Sink sink) {
        if (budget-- <= 0) {
            sink.lost(blockNr, keyFrom, keyTo, "salvage work limit reached");
            return;
        }
        if (depth > BTreeWalk.MAX_DEPTH || !ancestors.add(blockNr)) {
            sink.lost(blockNr, keyFrom, keyTo, "block " + blockNr + " closes a cycle or is too deep");
            return;
        }
        try {
            BTreeNode node = scan.read(blockNr);
            if (node == null) {
                sink.lost(blockNr, keyFrom, keyTo, blockNr <= 0 || blockNr >= scan.deviceBlocks()
                        ? "pointer to block " + blockNr + ", outside the metadata device"
                        : scan.whyNotANode(blockNr));
                return;
            }
            int nr = node.nrEntries();
            if (node.isLeaf() && leafValueSize != BTreeWalk.ANY_VALUE_SIZE && node.valueSize() != leafValueSize) {
                sink.lost(blockNr, keyFrom, keyTo, "block " + blockNr + " is a leaf of another tree (value size "
                        + node.valueSize() + ")");
                return;
            }
            if (nr > 0 && (Long.compareUnsigned(node.key(0), keyFrom) < 0
                    || Long.compareUnsigned(node.key(nr - 1), keyTo) >= 0)) {
                sink.lost(blockNr, keyFrom, keyTo, "block " + blockNr + " holds keys outside the range its parent gives");
                return;
            }
            if (!node.isLeaf() && nr == 0) {
                sink.lost(blockNr, keyFrom, keyTo, "block " + blockNr + " is an internal node without entries");
                return;
            }
            if (node.isLeaf()) {
                sink.leaf(node, keyFrom, keyTo);
                return;
            }
            sink.internal(node, keyFrom, keyTo);
            for (int i = 0; i < nr; i++) {
                long childFrom = i == 0 ? keyFrom : node.key(i);
                long childTo = i + 1 < nr ? node.key(i + 1) : keyTo;
                if (Long.compareUnsigned(childTo, windowFrom) <= 0 || Long.compareUnsigned(childFrom, windowTo) >= 0) {
                    continue;
                }
                visit(node.valueU64(i), childFrom, childTo, windowFrom, windowTo, depth + 1, leafValueSize, ancestors,
                        sink);
            }
        } finally {
            ancestors.remove(blockNr);
        }
    }
}
