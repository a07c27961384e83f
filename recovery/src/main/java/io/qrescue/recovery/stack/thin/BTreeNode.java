package io.qrescue.recovery.stack.thin;

/**
 * One persistent-data btree node (one metadata block): header {csum, flags, blocknr, nr_entries, max_entries,
 * value_size, padding} then max_entries u64 keys then max_entries values of value_size bytes.
 */
final class BTreeNode {

    static final int HEADER_BYTES = 32;
    static final int INTERNAL = 1;
    static final int LEAF = 2;

    private final byte[] block;
    private final long blockNr;

    private BTreeNode(byte[] block, long blockNr) {
        this.block = block;
        this.blockNr = blockNr;
    }

    /**
     * The node in {@code block}, or null after a finding when its header or checksum is invalid (the kernel's rules:
     * checksum, own block number, one of INTERNAL/LEAF, entries fit the block, nr_entries within max_entries,
     * keys strictly ascending).
     */
    static BTreeNode parse(byte[] block, long blockNr, long offsetBytes, String structure, Findings findings) {
        int bs = block.length;
        if (!MetadataChecksum.matches(block, MetadataChecksum.BTREE_NODE_SALT)) {
            findings.add(structure, offsetBytes, String.format("btree node checksum mismatch (stored 0x%08x, computed 0x%08x)",
                    MetadataChecksum.stored(block), MetadataChecksum.compute(block, MetadataChecksum.BTREE_NODE_SALT)));
            return null;
        }
        BTreeNode n = new BTreeNode(block, blockNr);
        long ownNr = Le.u64(block, 8);
        if (ownNr != blockNr) {
            findings.add(structure, offsetBytes + 8, "btree node says it is block " + ownNr + ", found at block " + blockNr);
            return null;
        }
        int flags = Le.u32(block, 4);
        if (flags != INTERNAL && flags != LEAF) {
            findings.add(structure, offsetBytes + 4, "btree node flags " + flags + " are neither internal (1) nor leaf (2)");
            return null;
        }
        long max = Le.u32AsLong(block, 20);
        long valueSize = Le.u32AsLong(block, 24);
        long nr = Le.u32AsLong(block, 16);
        if (valueSize == 0 || max == 0 || HEADER_BYTES + (8 + valueSize) * max > bs) {
            findings.add(structure, offsetBytes + 20, "btree node max_entries " + max + " with value_size " + valueSize
                    + " does not fit a " + bs + "-byte block");
            return null;
        }
        if (nr > max) {
            findings.add(structure, offsetBytes + 16, "btree node nr_entries " + nr + " exceeds max_entries " + max);
            return null;
        }
        if (flags == INTERNAL && valueSize != 8) {
            findings.add(structure, offsetBytes + 24, "internal btree node has value_size " + valueSize + ", not 8");
            return null;
        }
        for (int i = 1; i < nr; i++) {
            if (Long.compareUnsigned(n.key(i - 1), n.key(i)) >= 0) {
                findings.add(structure, offsetBytes + HEADER_BYTES + 8L * i, "btree keys not ascending at entry " + i
                        + " (" + Long.toUnsignedString(n.key(i - 1)) + " then " + Long.toUnsignedString(n.key(i)) + ")");
                return null;
            }
        }
        return n;
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
