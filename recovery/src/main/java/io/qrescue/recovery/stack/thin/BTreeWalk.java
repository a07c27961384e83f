package io.qrescue.recovery.stack.thin;

import java.util.HashSet;
import java.util.Set;

/**
 * Depth-first, key-ordered walk of one btree. Never loops: a block met twice in the same tree (a cycle, or a
 * child pointing back up) is a finding and is not entered again, and the depth is capped. A node whose keys do
 * not lie in the range its parent gives it is a finding and is skipped, so visitors see keys strictly ascending.
 */
final class BTreeWalk {

    /** Real trees are at most ~8 levels deep (fan-out of at least 3 on 2^64 keys would need 41). */
    static final int MAX_DEPTH = 48;
    /** Leaf value size to accept whatever the node says (callers then check it themselves). */
    static final int ANY_VALUE_SIZE = -1;

    /** Receives every valid node once, internal nodes before their children; keyTo is exclusive. */
    interface Visitor {
        void node(BTreeNode node, long keyFrom, long keyTo, int depth);

        /**
         * Block {@code blockNr}, which its parent (or the root pointer) bounds to {@code [keyFrom, keyTo)}, cannot be
         * read or fails validation: everything below it is unknown. Not called for cycles, block 0 or blocks outside
         * the metadata device.
         */
        default void unreadable(long blockNr, long keyFrom, long keyTo, int depth) {
        }
    }

    /** Receives the blocks a walk could not enter (see {@link Visitor#unreadable}). */
    interface UnreadableVisitor {
        void unreadable(long blockNr, long keyFrom, long keyTo, int depth);
    }

    /** A visitor of valid nodes that also hears about unreadable ones. */
    static Visitor of(Visitor nodes, UnreadableVisitor unreadableNodes) {
        return new Visitor() {
            @Override
            public void node(BTreeNode node, long keyFrom, long keyTo, int depth) {
                nodes.node(node, keyFrom, keyTo, depth);
            }

            @Override
            public void unreadable(long blockNr, long keyFrom, long keyTo, int depth) {
                unreadableNodes.unreadable(blockNr, keyFrom, keyTo, depth);
            }
        };
    }

    private final MetadataBlocks blocks;
    private final Findings findings;

    BTreeWalk(MetadataBlocks blocks, Findings findings) {
        this.blocks = blocks;
        this.findings = findings;
    }

    /** Walks the tree rooted at {@code root}; leaves must carry {@code leafValueSize}-byte values. */
    void walk(String structure, long root, int leafValueSize, Visitor visitor) {
        walk(structure, root, 0, Long.MAX_VALUE, leafValueSize, visitor);
    }

    /** Walks a subtree whose keys must lie in {@code [keyFrom, keyTo)}. */
    void walk(String structure, long root, long keyFrom, long keyTo, int leafValueSize, Visitor visitor) {
        visit(structure, root, keyFrom, keyTo, 0, leafValueSize, new HashSet<>(), visitor);
    }

    private void visit(String structure, long blockNr, long keyFrom, long keyTo, int depth, int leafValueSize,
            Set<Long> visited, Visitor visitor) {
        long offset = Math.max(0, blockNr) * (long) blocks.blockSizeBytes();
        if (depth > MAX_DEPTH) {
            findings.add(structure, offset, "btree deeper than " + MAX_DEPTH + " levels at block " + blockNr);
            return;
        }
        if (blockNr == 0) {
            findings.add(structure, 0, "btree pointer to block 0 (the superblock)");
            return;
        }
        if (!visited.add(blockNr)) {
            findings.add(structure, offset, "block " + blockNr + " is reached twice in one tree (cycle)");
            return;
        }
        byte[] block = blocks.read(blockNr, structure);
        if (block == null) {
            if (blocks.inRange(blockNr)) {
                visitor.unreadable(blockNr, keyFrom, keyTo, depth);
            }
            return;
        }
        BTreeNode node = BTreeNode.parse(block, blockNr, offset, structure, findings);
        if (node == null) {
            visitor.unreadable(blockNr, keyFrom, keyTo, depth);
            return;
        }
        int nr = node.nrEntries();
        if (node.isLeaf() && leafValueSize != ANY_VALUE_SIZE && node.valueSize() != leafValueSize) {
            findings.add(structure, offset + 24, "leaf value_size " + node.valueSize() + ", expected " + leafValueSize);
            visitor.unreadable(blockNr, keyFrom, keyTo, depth);
            return;
        }
        if (nr > 0 && (node.key(0) < keyFrom || node.key(nr - 1) >= keyTo || node.key(nr - 1) < 0)) {
            findings.add(structure, offset + BTreeNode.HEADER_BYTES, "keys " + Long.toUnsignedString(node.key(0)) + ".."
                    + Long.toUnsignedString(node.key(nr - 1)) + " lie outside the range [" + keyFrom + ", "
                    + keyTo + ") its parent gives");
            visitor.unreadable(blockNr, keyFrom, keyTo, depth);
            return;
        }
        if (!node.isLeaf() && nr == 0) {
            findings.add(structure, offset + 16, "internal btree node without entries");
            visitor.unreadable(blockNr, keyFrom, keyTo, depth);
            return;
        }
        visitor.node(node, keyFrom, keyTo, depth);
        if (node.isLeaf()) {
            return;
        }
        for (int i = 0; i < nr; i++) {
            long childFrom = i == 0 ? keyFrom : node.key(i);
            long childTo = i + 1 < nr ? node.key(i + 1) : keyTo;
            visit(structure, node.valueU64(i), childFrom, childTo, depth + 1, leafValueSize, visited, visitor);
        }
    }
}
