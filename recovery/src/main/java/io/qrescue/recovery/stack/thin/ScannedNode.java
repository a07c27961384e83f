package io.qrescue.recovery.stack.thin;

/**
 * What the salvage scan keeps of one valid btree node (checksum good, its own block number, a sane header):
 * enough to classify it and to link parents to children without reading it again. {@code pointers} are the
 * values of an internal node, or of a leaf with 8-byte values that all name metadata blocks (a possible
 * top-level leaf); null otherwise. {@code maxTime} is the newest mapping time of an 8-byte leaf, read as 22 bits
 * for both layouts (QNAP keeps a marker in bits 22-23; upstream times never get that high).
 */
record ScannedNode(long blockNr, boolean leaf, int valueSize, int nrEntries, long firstKey, long lastKey,
        long[] pointers, long maxTime) {

    boolean isEmpty() {
        return nrEntries == 0;
    }

    /** True when the node could be part of a device's mapping tree or of the top-level tree (8-byte values). */
    boolean hasBlockValues() {
        return valueSize == 8;
    }
}
