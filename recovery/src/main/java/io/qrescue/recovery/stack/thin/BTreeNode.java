package io.qrescue.recovery.stack.thin;

/**
 * One persistent-data btree node (one metadata block): header {csum, flags, blocknr, nr_entries, max_entries,
 * value_size, padding} then max_entries u64 keys then max_entries values of value_size bytes.
 */
final class BTreeNode implements ParsedNode {

    static final int HEADER_BYTES = 32;
    static final int INTERNAL = 1;
    static final int LEAF = 2;

    private final byte[] block;
    private final long blockNr;

    private BTreeNode(byte[] block, long blockNr) {
        this.block = block;
        this.blockNr = blockNr;
    }

    /** What is wrong with a node: the byte of the block where it shows, and a sentence. */
    record Problem(int at, String text) implements ParsedNode {
    }

    /**
     * The node in {@code block} read at {@code blockNr} when it passes the kernel's checks (checksum, own block
     * number, one of INTERNAL/LEAF, entries fit the block, nr_entries within max_entries, keys strictly
     * ascending); otherwise the first {@link Problem}, and no node.
     */
    static ParsedNode parse(byte[] block, long blockNr) {
        Problem p = check(block, blockNr);
        return p != null ? p : new BTreeNode(block, blockNr);
    }

    private static Problem check(byte[] block, long blockNr) {
        int bs = block.length;
        if (!MetadataChecksum.matches(block, MetadataChecksum.BTREE_NODE_SALT)) {
            return new Problem(0, String.format("btree node checksum mismatch (stored 0x%08x, computed 0x%08x)",
                    MetadataChecksum.stored(block), MetadataChecksum.compute(block, MetadataChecksum.BTREE_NODE_SALT)));
        }
        long ownNr = Le.u64(block, 8);
        if (ownNr != blockNr) {
            return new Problem(8, "btree node says it is block " + ownNr + ", found at block " + blockNr);
        }
        int flags = Le.u32(block, 4);
        if (flags != INTERNAL && flags != LEAF) {
            return new Problem(4, "btree node flags " + flags + " are neither internal (1) nor leaf (2)");
        }
        long max = Le.u32AsLong(block, 20);
        long valueSize = Le.u32AsLong(block, 24);
        long nr = Le.u32AsLong(block, 16);
        if (valueSize == 0 || max == 0 || HEADER_BYTES + (8 + valueSize) * max > bs) {
            return new Problem(20, "btree node max_entries " + max + " with value_size " + valueSize
                    + " does not fit a " + bs + "-byte block");
        }
        if (nr > max) {
            return new Problem(16, "btree node nr_entries " + nr + " exceeds max_entries " + max);
        }
        if (flags == INTERNAL && valueSize != 8) {
            return new Problem(24, "internal btree node has value_size " + valueSize + ", not 8");
        }
        for (int i = 1; i < nr; i++) {
            long before = Le.u64(block, HEADER_BYTES + 8 * (i - 1));
            long key = Le.u64(block, HEADER_BYTES + 8 * i);
            if (Long.compareUnsigned(before, key) >= 0) {
                return new Problem(HEADER_BYTES + 8 * i, "btree keys not ascending at entry " + i + " ("
                        + Long.toUnsignedString(before) + " then " + Long.toUnsignedString(key) + ")");
            }
        }
        return null;
    }

    long blockNr() {
        return blockNr;
    }

    boolean isLeaf() {
        return Le.u32(block, 4) == LEAF;
    }

    int nrEntries() {
        return Le.u32(block, 16);
    }

    int maxEntries() {
        return Le.u32(block, 20);
    }

    int valueSize() {
        return Le.u32(block, 24);
    }

    long key(int i) {
        return Le.u64(block, HEADER_BYTES + 8 * i);
    }

    /** Byte offset of value {@code i} inside the block. */
    int valueOffset(int i) {
        return HEADER_BYTES + 8 * maxEntries() + valueSize() * i;
    }

    long valueU64(int i) {
        return Le.u64(block, valueOffset(i));
    }

    long valueU32(int i) {
        return Le.u32AsLong(block, valueOffset(i));
    }

    byte[] bytes() {
        return block;
    }
}
