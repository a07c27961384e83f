package io.qrescue.mapfile;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.RandomAccess;

/**
 * A growable list of status blocks kept in primitive arrays (17 bytes a block): what {@link BlockMap#toList()}
 * returns. Its blocks are made on each {@link #get}, so a list of millions of blocks is not millions of
 * long-lived objects for the garbage collector to copy.
 */
final class StatusBlockList extends AbstractList<StatusBlock> implements RandomAccess {

    private static final BlockStatus[] STATUSES = BlockStatus.values();

    private long[] positions;
    private long[] sizes;
    private byte[] statuses;
    private int size;

    StatusBlockList(int capacity) {
        positions = new long[Math.max(4, capacity)];
        sizes = new long[positions.length];
        statuses = new byte[positions.length];
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public StatusBlock get(int index) {
        checkIndex(index, size);
        return new StatusBlock(positions[index], sizes[index], STATUSES[statuses[index]]);
    }

    @Override
    public StatusBlock set(int index, StatusBlock block) {
        StatusBlock old = get(index);
        store(index, block);
        return old;
    }

    @Override
    public void add(int index, StatusBlock block) {
        checkIndex(index, size + 1);
        if (size == positions.length) {
            int capacity = positions.length + (positions.length >> 1);
            positions = Arrays.copyOf(positions, capacity);
            sizes = Arrays.copyOf(sizes, capacity);
            statuses = Arrays.copyOf(statuses, capacity);
        }
        System.arraycopy(positions, index, positions, index + 1, size - index);
        System.arraycopy(sizes, index, sizes, index + 1, size - index);
        System.arraycopy(statuses, index, statuses, index + 1, size - index);
        size++;
        store(index, block);
        modCount++;
    }

    @Override
    public StatusBlock remove(int index) {
        StatusBlock old = get(index);
        removeRange(index, index + 1);
        return old;
    }

    @Override
    protected void removeRange(int from, int to) {
        System.arraycopy(positions, to, positions, from, size - to);
        System.arraycopy(sizes, to, sizes, from, size - to);
        System.arraycopy(statuses, to, statuses, from, size - to);
        size -= to - from;
        modCount++;
    }

    private void store(int index, StatusBlock block) {
        positions[index] = block.pos();
        sizes[index] = block.size();
        statuses[index] = (byte) block.status().ordinal();
    }

    private void checkIndex(int index, int limit) {
        if (index < 0 || index >= limit) {
            throw new IndexOutOfBoundsException("index " + index + ", size " + size);
        }
    }
}
