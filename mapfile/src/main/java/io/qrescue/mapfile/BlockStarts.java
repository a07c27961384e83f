package io.qrescue.mapfile;

import java.util.Arrays;

/**
 * The starts of a map's blocks (of size greater than zero) and their statuses, as a sorted map packed in
 * primitive arrays: leaves of up to {@value #LEAF_CAPACITY} ascending starts ({@code long[]}) with their
 * statuses ({@code byte[]}), and an index holding each leaf's first start. A map read from a file fills its
 * leaves, about 9 bytes per block (a {@code TreeMap<Long, BlockStatus>} costs about 70); updates keep leaves
 * at least a quarter full.
 *
 * <p>A lookup is two binary searches, O(log n). An insert or removal moves at most one leaf's entries; when a
 * leaf splits or goes, the index (n / {@value #LEAF_CAPACITY} entries) shifts too, which happens at most once
 * every {@value #LEAF_CAPACITY}/4 updates. Places in it are cursors, {@code leaf << 32 | index}, valid until
 * the next change; {@link #NONE} is no place.
 */
final class BlockStarts {

    static final int LEAF_CAPACITY = 512;
    static final long NONE = -1;

    private static final BlockStatus[] STATUSES = BlockStatus.values();

    /** One leaf: {@code starts[0..size)} ascending, {@code statuses[i]} the ordinal of start i's status. */
    private static final class Leaf {
        final long[] starts = new long[LEAF_CAPACITY];
        final byte[] statuses = new byte[LEAF_CAPACITY];
        int size;

        Leaf copy() {
            Leaf copy = new Leaf();
            System.arraycopy(starts, 0, copy.starts, 0, size);
            System.arraycopy(statuses, 0, copy.statuses, 0, size);
            copy.size = size;
            return copy;
        }
    }

    private Leaf[] leaves = new Leaf[4];
    private long[] firstStarts = new long[4]; // firstStarts[l] == leaves[l].starts[0]; no leaf is empty
    private int leafCount;
    private int size;

    int size() {
        return size;
    }

    void clear() {
        leaves = new Leaf[4];
        firstStarts = new long[4];
        leafCount = 0;
        size = 0;
    }

    /** Adds {@code start}, which must be greater than every start in the map, filling the last leaf. */
    void append(long start, BlockStatus status) {
        Leaf last = leafCount == 0 ? null : leaves[leafCount - 1];
        if (last != null && start <= last.starts[last.size - 1]) {
            throw new IllegalArgumentException("start " + start + " is not after the last start");
        }
        if (last == null || last.size == LEAF_CAPACITY) {
            last = new Leaf();
            insertLeaf(leafCount, last, start);
        }
        last.starts[last.size] = start;
        last.statuses[last.size] = (byte) status.ordinal();
        last.size++;
        size++;
    }

    // ---------------------------------------------------------------- leaves, for walks in order

    int leafCount() {
        return leafCount;
    }

    /** Leaf {@code leaf}'s starts; only the first {@link #leafSize} are in use. */
    long[] leafStarts(int leaf) {
        return leaves[leaf].starts;
    }

    /** Leaf {@code leaf}'s status ordinals, parallel to its starts. */
    byte[] leafStatuses(int leaf) {
        return leaves[leaf].statuses;
    }

    int leafSize(int leaf) {
        return leaves[leaf].size;
    }

    static BlockStatus statusOf(byte ordinal) {
        return STATUSES[ordinal];
    }

    // ---------------------------------------------------------------- cursors

    static long cursor(int leaf, int index) {
        return (long) leaf << 32 | index;
    }

    private static int leafOf(long cursor) {
        return (int) (cursor >>> 32);
    }

    private static int indexOf(long cursor) {
        return (int) cursor;
    }

    long start(long cursor) {
        return leaves[leafOf(cursor)].starts[indexOf(cursor)];
    }

    BlockStatus status(long cursor) {
        return STATUSES[leaves[leafOf(cursor)].statuses[indexOf(cursor)]];
    }

    void setStatus(long cursor, BlockStatus status) {
        leaves[leafOf(cursor)].statuses[indexOf(cursor)] = (byte) status.ordinal();
    }

    long first() {
        return leafCount == 0 ? NONE : cursor(0, 0);
    }

    long last() {
        return leafCount == 0 ? NONE : cursor(leafCount - 1, leaves[leafCount - 1].size - 1);
    }

    long next(long cursor) {
        int leaf = leafOf(cursor);
        int index = indexOf(cursor) + 1;
        if (index < leaves[leaf].size) {
            return cursor(leaf, index);
        }
        return leaf + 1 < leafCount ? cursor(leaf + 1, 0) : NONE;
    }

    long previous(long cursor) {
        int leaf = leafOf(cursor);
        int index = indexOf(cursor);
        if (index > 0) {
            return cursor(leaf, index - 1);
        }
        return leaf > 0 ? cursor(leaf - 1, leaves[leaf - 1].size - 1) : NONE;
    }

    /** The greatest start at or before {@code key}. */
    long floor(long key) {
        int leaf = floorLeaf(key);
        if (leaf < 0) {
            return NONE;
        }
        Leaf l = leaves[leaf];
        int i = Arrays.binarySearch(l.starts, 0, l.size, key);
        return cursor(leaf, i >= 0 ? i : -i - 2); // the leaf's first start is <= key, so -i - 2 >= 0
    }

    /** The start equal to {@code key}. */
    long find(long key) {
        long c = floor(key);
        return c != NONE && start(c) == key ? c : NONE;
    }

    /** The least start after {@code key}. */
    long higher(long key) {
        long c = floor(key);
        return c == NONE ? first() : next(c);
    }

    /** The greatest start before {@code key}. */
    long lower(long key) {
        return key == Long.MIN_VALUE ? NONE : floor(key - 1);
    }

    /** The least start at or after {@code key}. */
    long ceiling(long key) {
        long c = floor(key);
        if (c == NONE) {
            return first();
        }
        return start(c) == key ? c : next(c);
    }

    /** The last leaf whose first start is at or before {@code key}, or -1. */
    private int floorLeaf(long key) {
        int i = Arrays.binarySearch(firstStarts, 0, leafCount, key);
        return i >= 0 ? i : -i - 2;
    }

    // ---------------------------------------------------------------- changes

    /** Sets the status of {@code key}, adding it if it is not there. */
    void put(long key, BlockStatus status) {
        byte ordinal = (byte) status.ordinal();
        if (leafCount == 0) {
            append(key, status);
            return;
        }
        int leaf = Math.max(0, floorLeaf(key));
        Leaf l = leaves[leaf];
        int i = Arrays.binarySearch(l.starts, 0, l.size, key);
        if (i >= 0) {
            l.statuses[i] = ordinal;
            return;
        }
        i = -i - 1;
        if (l.size == LEAF_CAPACITY) {
            Leaf upper = new Leaf();
            int half = LEAF_CAPACITY / 2;
            upper.size = LEAF_CAPACITY - half;
            System.arraycopy(l.starts, half, upper.starts, 0, upper.size);
            System.arraycopy(l.statuses, half, upper.statuses, 0, upper.size);
            l.size = half;
            insertLeaf(leaf + 1, upper, upper.starts[0]);
            if (i > half) {
                leaf++;
                l = upper;
                i -= half;
            }
        }
        System.arraycopy(l.starts, i, l.starts, i + 1, l.size - i);
        System.arraycopy(l.statuses, i, l.statuses, i + 1, l.size - i);
        l.starts[i] = key;
        l.statuses[i] = ordinal;
        l.size++;
        size++;
        if (i == 0) {
            firstStarts[leaf] = key;
        }
    }

    /** Removes {@code key}; false if it is not there. */
    boolean remove(long key) {
        long c = find(key);
        if (c == NONE) {
            return false;
        }
        int leaf = leafOf(c);
        int i = indexOf(c);
        Leaf l = leaves[leaf];
        System.arraycopy(l.starts, i + 1, l.starts, i, l.size - i - 1);
        System.arraycopy(l.statuses, i + 1, l.statuses, i, l.size - i - 1);
        l.size--;
        size--;
        if (l.size == 0) {
            removeLeaf(leaf);
            return true;
        }
        if (i == 0) {
            firstStarts[leaf] = l.starts[0];
        }
        if (l.size < LEAF_CAPACITY / 4) {
            if (leaf + 1 < leafCount && l.size + leaves[leaf + 1].size <= LEAF_CAPACITY / 2) {
                mergeIntoPrevious(leaf + 1);
            } else if (leaf > 0 && l.size + leaves[leaf - 1].size <= LEAF_CAPACITY / 2) {
                mergeIntoPrevious(leaf);
            }
        }
        return true;
    }

    /** Removes every start at or after {@code key}. */
    void removeFrom(long key) {
        long c = ceiling(key);
        if (c == NONE) {
            return;
        }
        int leaf = leafOf(c);
        int index = indexOf(c);
        for (int l = leaf + (index == 0 ? 0 : 1); l < leafCount; l++) {
            size -= leaves[l].size;
            leaves[l] = null;
        }
        if (index > 0) {
            size -= leaves[leaf].size - index;
            leaves[leaf].size = index;
            leafCount = leaf + 1;
        } else {
            leafCount = leaf;
        }
    }

    private void mergeIntoPrevious(int leaf) {
        Leaf into = leaves[leaf - 1];
        Leaf from = leaves[leaf];
        System.arraycopy(from.starts, 0, into.starts, into.size, from.size);
        System.arraycopy(from.statuses, 0, into.statuses, into.size, from.size);
        into.size += from.size;
        removeLeaf(leaf);
    }

    private void insertLeaf(int at, Leaf leaf, long firstStart) {
        if (leafCount == leaves.length) {
            leaves = Arrays.copyOf(leaves, leafCount * 2);
            firstStarts = Arrays.copyOf(firstStarts, leafCount * 2);
        }
        System.arraycopy(leaves, at, leaves, at + 1, leafCount - at);
        System.arraycopy(firstStarts, at, firstStarts, at + 1, leafCount - at);
        leaves[at] = leaf;
        firstStarts[at] = firstStart;
        leafCount++;
    }

    private void removeLeaf(int at) {
        System.arraycopy(leaves, at + 1, leaves, at, leafCount - at - 1);
        System.arraycopy(firstStarts, at + 1, firstStarts, at, leafCount - at - 1);
        leaves[--leafCount] = null;
    }

    // ---------------------------------------------------------------- whole map

    BlockStarts copy() {
        BlockStarts copy = new BlockStarts();
        copy.leaves = new Leaf[Math.max(4, leafCount)];
        for (int l = 0; l < leafCount; l++) {
            copy.leaves[l] = leaves[l].copy();
        }
        copy.firstStarts = Arrays.copyOf(firstStarts, copy.leaves.length);
        copy.leafCount = leafCount;
        copy.size = size;
        return copy;
    }

    /** Same starts with the same statuses, however they are spread over leaves. */
    boolean sameAs(BlockStarts other) {
        if (size != other.size) {
            return false;
        }
        for (long a = first(), b = other.first(); a != NONE; a = next(a), b = other.next(b)) {
            if (start(a) != other.start(b) || status(a) != other.status(b)) {
                return false;
            }
        }
        return true;
    }

    int contentHash() {
        int hash = 1;
        for (long c = first(); c != NONE; c = next(c)) {
            hash = hash * 31 + Long.hashCode(start(c)) * 7 + status(c).ordinal();
        }
        return hash;
    }
}
