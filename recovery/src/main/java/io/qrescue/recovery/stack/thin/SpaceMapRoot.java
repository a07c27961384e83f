package io.qrescue.recovery.stack.thin;

/**
 * The 32-byte space-map root kept in the superblock: blocks counted, blocks allocated, the bitmap root (an index
 * block for the metadata space map, a btree of index entries otherwise) and the ref-count overflow btree root.
 */
public record SpaceMapRoot(long nrBlocks, long nrAllocated, long bitmapRoot, long refCountRoot) {

    static SpaceMapRoot parse(byte[] block, int off) {
        return new SpaceMapRoot(Le.u64(block, off), Le.u64(block, off + 8), Le.u64(block, off + 16), Le.u64(block, off + 24));
    }

    /** True for an all-zero root (an unused QNAP tier slot, or upstream padding). */
    public boolean isEmpty() {
        return nrBlocks == 0 && nrAllocated == 0 && bitmapRoot == 0 && refCountRoot == 0;
    }
}
