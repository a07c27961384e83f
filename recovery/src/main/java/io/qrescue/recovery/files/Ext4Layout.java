package io.qrescue.recovery.files;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Where an ext4 filesystem keeps its fixed structures, as dumpe2fs reports them: block size, inode geometry, and
 * per group the superblock copy, descriptors, bitmaps and inode table; plus the free block ranges when the
 * bitmaps could be read.
 *
 * @param freeBlocks free block ranges (in blocks), sorted; null when dumpe2fs could not read the bitmaps
 * @param freeInodes free inode number ranges, sorted; null when dumpe2fs could not read the bitmaps
 */
public record Ext4Layout(int blockSizeBytes, long blocksCount, long inodesCount, long inodesPerGroup,
                         int inodeSizeBytes, long firstInode, long journalInode, List<Area> areas,
                         List<BlockRun> freeBlocks, List<BlockRun> freeInodes) {

    /** {@code blockCount} blocks from {@code firstBlock} holding {@code kind} of block group {@code group}. */
    public record Area(MetadataKind kind, int group, long firstBlock, long blockCount) {
        public long endBlock() {
            return firstBlock + blockCount;
        }
    }

    /** {@code count} blocks from {@code first}. */
    public record BlockRun(long first, long count) {
        public long end() {
            return first + count;
        }
    }

    public Ext4Layout {
        List<Area> sorted = new ArrayList<>(areas);
        sorted.sort(Comparator.comparingLong(Area::firstBlock));
        areas = List.copyOf(sorted);
        freeBlocks = freeBlocks == null ? null : List.copyOf(freeBlocks);
        freeInodes = freeInodes == null ? null : List.copyOf(freeInodes);
    }

    /** The inodes in use (1 to the inode count, minus the free ones), or null when the bitmaps were unreadable. */
    public List<Long> inodesInUse() {
        if (freeInodes == null) {
            return null;
        }
        List<Long> out = new java.util.ArrayList<>();
        long next = 1;
        for (BlockRun free : freeInodes) {
            for (long i = next; i < free.first(); i++) {
                out.add(i);
            }
            next = Math.max(next, free.end());
        }
        for (long i = next; i <= inodesCount; i++) {
            out.add(i);
        }
        return out;
    }

    public long sizeBytes() {
        return blocksCount * blockSizeBytes;
    }

    /** The fixed-structure areas meeting blocks {@code [first, end)}. */
    public List<Area> areasIn(long first, long end) {
        List<Area> out = new ArrayList<>();
        for (Area a : areas) {   // a few per group: a linear scan is fine next to the debugfs runs
            if (a.firstBlock() < end && a.endBlock() > first) {
                out.add(a);
            }
        }
        return out;
    }

    /** True if bitmaps were read and {@code block} is marked free; false if in use or unknown. */
    public boolean isFree(long block) {
        if (freeBlocks == null) {
            return false;
        }
        int i = firstFreeRunEndingAfter(block);
        return i < freeBlocks.size() && freeBlocks.get(i).first() <= block;
    }

    /** The free runs meeting blocks {@code [first, end)}, in order (none when the bitmaps were not read). */
    public List<BlockRun> freeRunsIn(long first, long end) {
        if (freeBlocks == null) {
            return List.of();
        }
        int from = firstFreeRunEndingAfter(first);
        int to = from;
        while (to < freeBlocks.size() && freeBlocks.get(to).first() < end) {
            to++;
        }
        return freeBlocks.subList(from, to);
    }

    /** Index of the first free run that ends after {@code block} (runs are sorted and disjoint). */
    private int firstFreeRunEndingAfter(long block) {
        int lo = 0;
        int hi = freeBlocks.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (freeBlocks.get(mid).end() <= block) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

}
