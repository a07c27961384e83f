package io.qrescue.recovery.stack.thin;

import java.util.HashSet;
import java.util.Set;

/**
 * Depth-first, key-ordered walk of one btree. Never loops: a block met twice in the same tree (a cycle, or a
 * child pointing back up) is a finding and is not entered again, and the depth is capped. A node whose keys do
 * not lie in the range its parent gives it is a finding and is skipped, so visitors see keys strictly ascending.
 * Every pointer not followed, for whatever reason, reaches the visitor as a {@link BadNode} with the key range
 * its parent gives: nothing below a bad pointer is silently missing.
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
         * A pointer the walk did not follow ({@link BadNode}): everything below it, the keys its parent bounds, is
         * unknown.
         */
        default void bad(BadNode bad) {
        }
    }

    /** Receives the pointers a walk could not follow (see {@link Visitor#bad}). */
    interface BadNodeVisitor {
        void bad(BadNode bad);
    }

    /** A visitor of valid nodes that also hears about the pointers that could not be followed. */
    static Visitor of(Visitor nodes, BadNodeVisitor badNodes) {
        return new Visitor() {
            @Override
            public void node(BTreeNode node, long keyFrom, long keyTo, int depth) {
                nodes.node(node, keyFrom, keyTo, depth);
            }

            @Override
            public void bad(BadNode bad) {
                badNodes.bad(bad);
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
            String why = "btree deeper than " + MAX_DEPTH + " levels at block " + blockNr;
            findings.add(structure, offset, why);
            visitor.bad(new BadNode(blockNr, keyFrom, keyTo, depth, BadNode.Kind.TOO_DEEP, structure + ": " + why));
            return;
        }
        if (blockNr == 0) {
            findings.add(structure, 0, "btree pointer to block 0 (the superblock)");
            visitor.bad(new BadNode(blockNr, keyFrom, keyTo, depth, BadNode.Kind.BAD_POINTER, structure
                    + ": pointer to block 0 (the superblock)"));
            return;
        }
        if (!blocks.inRange(blockNr)) {
            blocks.read(blockNr, structure); // the finding
            visitor.bad(new BadNode(blockNr, keyFrom, keyTo, depth, BadNode.Kind.BAD_POINTER, structure + ": pointer"
                    + " to block " + blockNr + ", outside the metadata device (" + blocks.deviceBlocks() + " blocks)"));
            return;
        }
        if (!visited.add(blockNr)) {
            findings.add(structure, offset, "block " + blockNr + " is reached twice in one tree (cycle)");
            visitor.bad(new BadNode(blockNr, keyFrom, keyTo, depth, BadNode.Kind.REPEATED, structure + ": block "
                    + blockNr + " is reached twice in one tree"));
            return;
        }
        byte[] block = blocks.read(blockNr, structure);
        if (block == null) {
            visitor.bad(new BadNode(blockNr, keyFrom, keyTo, depth, BadNode.Kind.UNREADABLE, structure + ": block "
                    + blockNr + " cannot be read: " + blocks.whyUnreadable(blockNr)));
            return;
        }
        ParsedNode parsed = BTreeNode.parse(block, blockNr);
        if (parsed instanceof BTreeNode.Problem p) {
            findings.add(structure, offset + p.at(), p.text());
            visitor.bad(new BadNode(blockNr, keyFrom, keyTo, depth, BadNode.Kind.INVALID, structure + ": block "
                    + blockNr + ": " + p.text()));
            return;
        }
        BTreeNode node = (BTreeNode) parsed;
        int nr = node.nrEntries();
        if (node.isLeaf() && leafValueSize != ANY_VALUE_SIZE && node.valueSize() != leafValueSize) {
            String why = "leaf value_size " + node.valueSize() + ", expected " + leafValueSize;
            findings.add(structure, offset + 24, why);
            visitor.bad(new BadNode(blockNr, keyFrom, keyTo, depth, BadNode.Kind.INVALID, structure + ": block "
                    + blockNr + ": " + why));
            return;
        }
        if (nr > 0 && (node.key(0) < keyFrom || node.key(nr - 1) >= keyTo || node.key(nr - 1) < 0)) {
            String why = "keys " + Long.toUnsignedString(node.key(0)) + ".." + Long.toUnsignedString(node.key(nr - 1))
                    + " lie outside the range [" + keyFrom + ", " + keyTo + ") its parent gives";
            findings.add(structure, offset + BTreeNode.HEADER_BYTES, why);
            visitor.bad(new BadNode(blockNr, keyFrom, keyTo, depth, BadNode.Kind.INVALID, structure + ": block "
                    + blockNr + ": " + why));
            return;
        }
        if (!node.isLeaf() && nr == 0) {
            findings.add(structure, offset + 16, "internal btree node without entries");
            visitor.bad(new BadNode(blockNr, keyFrom, keyTo, depth, BadNode.Kind.INVALID, structure + ": block "
                    + blockNr + ": internal node without entries"));
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
