package io.qrescue.mapfile;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The blocks of a mapfile: consecutive status blocks without gaps (the first may start after 0). Blocks are
 * packed in primitive arrays ({@link BlockStarts}: about 9 bytes a block, so a million-block map takes about
 * 10 MB), and a status change is O(log n), so a map of millions of blocks stays small and fast (ddrescue
 * keeps a vector).
 *
 * <p>Adjacent blocks of equal status may coexist, as in ddrescue: a map read from a file or split at domain
 * borders is only merged by {@link #compact()} or by a status change. The one odd shape ddrescue allows is
 * a zero-size block: a {@code 0 0 +} line (only possible at position 0, before every other block), or a block
 * starting at the largest position, whose size is clamped to 0 (only possible after every other block).
 * They are kept apart in {@code zeroSizeHead} and {@code zeroSizeTail}.
 */
public final class BlockMap implements Iterable<StatusBlock> {

    private BlockStarts starts = new BlockStarts();                           // blocks of size > 0
    private final ArrayList<BlockStatus> zeroSizeHead = new ArrayList<>();    // blocks [0, 0) in file order
    private final ArrayList<BlockStatus> zeroSizeTail = new ArrayList<>();    // blocks [MAX, MAX) in file order
    private long end;                                                          // end of the last block

    /** An empty map (no block at all). */
    public BlockMap() {
    }

    /** A map made of the given consecutive blocks. */
    public static BlockMap of(List<StatusBlock> blocks) {
        BlockMap map = new BlockMap();
        map.replaceWith(blocks);
        return map;
    }

    /** A map of one block from 0 to the end of the position space with status {@code status}. */
    public static BlockMap filled(BlockStatus status) {
        BlockMap map = new BlockMap();
        map.append(0, -1, status);
        return map;
    }

    /** Number of blocks (lines in the mapfile). */
    public int blockCount() {
        return zeroSizeHead.size() + starts.size() + zeroSizeTail.size();
    }

    public boolean isEmpty() {
        return blockCount() == 0;
    }

    /** From the start of the first block to the end of the last; {@code [0, 0)} for an empty map. */
    public Block extent() {
        if (isEmpty()) {
            return new Block(0, 0);
        }
        long first = !zeroSizeHead.isEmpty() ? 0 : starts.size() > 0 ? starts.start(starts.first()) : Block.MAX_END;
        return Block.between(first, end);
    }

    /** All blocks in order, as a new list (packed in primitive arrays: its blocks are made as they are read). */
    public List<StatusBlock> toList() {
        List<StatusBlock> list = new StatusBlockList(blockCount());
        for (StatusBlock sb : this) {
            list.add(sb);
        }
        return list;
    }

    @Override
    public Iterator<StatusBlock> iterator() {
        return new Iterator<>() {
            private int headIndex;
            private int leaf;                // the next block of size > 0: leaf and index in it
            private int index;
            private long[] leafStarts = starts.leafCount() > 0 ? starts.leafStarts(0) : null;
            private int tailIndex;

            @Override
            public boolean hasNext() {
                return headIndex < zeroSizeHead.size() || leafStarts != null || tailIndex < zeroSizeTail.size();
            }

            @Override
            public StatusBlock next() {
                if (headIndex < zeroSizeHead.size()) {
                    return new StatusBlock(0, 0, zeroSizeHead.get(headIndex++));
                }
                if (leafStarts == null) {
                    if (tailIndex < zeroSizeTail.size()) {
                        return new StatusBlock(Block.MAX_END, 0, zeroSizeTail.get(tailIndex++));
                    }
                    throw new NoSuchElementException();
                }
                long pos = leafStarts[index];
                BlockStatus status = BlockStarts.statusOf(starts.leafStatuses(leaf)[index]);
                if (++index == starts.leafSize(leaf)) {
                    index = 0;
                    leafStarts = ++leaf < starts.leafCount() ? starts.leafStarts(leaf) : null;
                }
                long blockEnd = leafStarts != null ? leafStarts[index] : end;
                return new StatusBlock(pos, blockEnd - pos, status);
            }
        };
    }

    /**
     * Replaces every block by {@code blocks}, which must be consecutive (zero-size ones only at 0 before all
     * others, or at the largest position after all others).
     */
    public void replaceWith(List<StatusBlock> blocks) {
        clear();
        for (StatusBlock sb : blocks) {
            append(sb.pos(), sb.size(), sb.status());
        }
    }

    private void clear() {
        starts = new BlockStarts();
        zeroSizeHead.clear();
        zeroSizeTail.clear();
        end = 0;
    }

    /**
     * Adds a block after the last one; {@code pos} and {@code size} are clamped as {@link StatusBlock} clamps
     * them. The mapfile reader builds maps this way, without a list.
     *
     * @throws IllegalArgumentException if the block does not start where the last one ends, or is a zero-size
     *                                  block inside the map, or follows a block at the end of the position space
     */
    void append(long pos, long size, BlockStatus status) {
        size = Block.clampedSize(pos, size);
        pos = Math.max(0, pos);
        if (!isEmpty() && pos != end) {
            throw new IllegalArgumentException("blocks are not contiguous at " + new StatusBlock(pos, size, status));
        }
        if (size == 0 && pos == Block.MAX_END) {
            zeroSizeTail.add(status);
        } else if (size == 0) {
            if (pos != 0 || starts.size() > 0 || !zeroSizeTail.isEmpty()) {
                throw new IllegalArgumentException("zero-size block inside the map: " + new StatusBlock(pos, 0, status));
            }
            zeroSizeHead.add(status);
        } else if (!zeroSizeTail.isEmpty()) {
            throw new IllegalArgumentException("block after the end of the position space: "
                    + new StatusBlock(pos, size, status));
        } else {
            starts.append(pos, status);
        }
        end = pos + size;
    }

    /**
     * ddrescue's loose-mode gap filling for a map that has no gaps (the reader's {@code fillGaps} for one):
     * a gap before the first block gets {@code fill}, and a last block of status {@code fill} grows to the end of
     * the position space.
     */
    void fillFrontAndBack(BlockStatus fill) {
        if (isEmpty()) {
            return;
        }
        if (extent().pos() > 0) {
            starts.put(0, fill);
        }
        if (!zeroSizeTail.isEmpty() || end == Block.MAX_END) {
            return; // the last block reaches the end already
        }
        if (starts.size() > 0) {
            if (starts.status(starts.last()) == fill) {
                end = Block.MAX_END;
            }
        } else if (zeroSizeHead.get(zeroSizeHead.size() - 1) == fill) {
            zeroSizeHead.remove(zeroSizeHead.size() - 1); // a lone [0, 0) block becomes [0, MAX)
            starts.append(0, fill);
            end = Block.MAX_END;
        }
    }

    /** The block containing {@code position}, or null (ddrescue: find_index). */
    public StatusBlock blockContaining(long position) {
        long c = starts.floor(position);
        if (c == BlockStarts.NONE) {
            return null;
        }
        StatusBlock sb = toBlock(c);
        return sb.includes(position) ? sb : null;
    }

    /** The block that starts where {@code sb} (a block of size greater than zero) ends, or null. */
    public StatusBlock blockAfter(StatusBlock sb) {
        long c = starts.higher(sb.pos());
        if (c != BlockStarts.NONE) {
            return toBlock(c);
        }
        return zeroSizeTail.isEmpty() ? null : new StatusBlock(Block.MAX_END, 0, zeroSizeTail.get(0));
    }

    /** The block that ends where {@code sb} starts (a zero-size head block included), or null. */
    public StatusBlock blockBefore(StatusBlock sb) {
        if (sb.size() == 0) {
            return null; // the head is only walked forwards
        }
        long c = starts.lower(sb.pos());
        if (c != BlockStarts.NONE) {
            return toBlock(c);
        }
        return zeroSizeHead.isEmpty() ? null : new StatusBlock(0, 0, zeroSizeHead.get(zeroSizeHead.size() - 1));
    }

    /** The first block of size greater than zero at or after {@code position}'s block, or null. */
    public StatusBlock firstBlockFrom(long position) {
        StatusBlock containing = blockContaining(position);
        if (containing != null) {
            return containing;
        }
        long c = starts.ceiling(position);
        return c == BlockStarts.NONE ? null : toBlock(c);
    }

    private StatusBlock toBlock(long cursor) {
        long pos = starts.start(cursor);
        long next = starts.next(cursor);
        long blockEnd = next != BlockStarts.NONE ? starts.start(next) : end;
        return new StatusBlock(pos, blockEnd - pos, starts.status(cursor));
    }

    /**
     * Sets the status of {@code b}, which must lie inside one block that is inside the domain, and merges the
     * changed piece with a neighbour of the same status that is inside the domain (ddrescue:
     * change_chunk_status). Returns the change in the number of bad areas: -1, 0 or +1.
     *
     * @throws IllegalStateException if {@code b} is outside the domain or spreads over more than one block
     */
    public int changeChunkStatus(Block b, BlockStatus newStatus, Domain domain) {
        if (b.size() <= 0) {
            return 0;
        }
        StatusBlock current = blockContaining(b.pos());
        if (!domain.includes(b) || current == null || !domain.includes(current)) {
            throw new IllegalStateException("can't change status of chunk not in rescue domain.");
        }
        if (!current.block().includes(b)) {
            throw new IllegalStateException("can't change status of chunk spread over more than 1 block.");
        }
        BlockStatus oldStatus = current.status();
        if (newStatus == oldStatus) {
            return 0;
        }
        boolean oldGood = oldStatus.isGood();
        boolean newGood = newStatus.isGood();
        StatusBlock left = blockBefore(current);
        StatusBlock right = blockAfter(current);
        boolean leftGood = left == null || left.status().isGood() || !domain.includes(left);
        boolean rightGood = right == null || right.status().isGood() || !domain.includes(right);

        if (current.pos() < b.pos()) {
            if (current.end() == b.end() && right != null && right.status() == newStatus
                    && domain.includes(right)) {
                // the changed tail joins the right neighbour
                removeRightNeighbour(right);
                starts.put(b.pos(), newStatus);
                return 0;
            }
            // split: the head keeps its key and old status; the rest starts at b.pos
            starts.put(b.pos(), oldStatus);
            left = new StatusBlock(current.pos(), b.pos() - current.pos(), oldStatus);
            current = new StatusBlock(b.pos(), current.end() - b.pos(), oldStatus);
            leftGood = oldGood;
        }
        if (current.size() > b.size()) {
            if (left != null && left.status() == newStatus && domain.includes(left)) {
                absorbIntoLeft(left, current.pos(), newStatus);
            } else {
                starts.put(current.pos(), newStatus);
            }
            starts.put(b.end(), oldStatus);
            rightGood = oldGood;
        } else {
            boolean joinLeft = left != null && left.status() == newStatus && domain.includes(left);
            boolean joinRight = right != null && right.status() == newStatus && domain.includes(right);
            if (joinRight) {
                removeRightNeighbour(right);
            }
            if (joinLeft) {
                absorbIntoLeft(left, current.pos(), newStatus);
            } else {
                starts.put(current.pos(), newStatus);
            }
        }
        if (newGood != oldGood && leftGood == rightGood) {
            return oldGood == leftGood ? +1 : -1;
        }
        return 0;
    }

    private void removeRightNeighbour(StatusBlock right) {
        if (right.size() == 0) {
            zeroSizeTail.remove(0); // a zero-size tail block is absorbed by the block before it
        } else {
            starts.remove(right.pos());
        }
    }

    /** The block starting at {@code start} now belongs to {@code left}, whose status is {@code status}. */
    private void absorbIntoLeft(StatusBlock left, long start, BlockStatus status) {
        if (left.size() == 0) {
            // a zero-size head block grows into a real block at 0
            zeroSizeHead.remove(zeroSizeHead.size() - 1);
            starts.put(start, status);
        } else {
            starts.remove(start);
        }
    }

    /** Merges every run of adjacent blocks of equal status into one block (ddrescue: compact_sblock_vector). */
    public void compact() {
        if (!needsCompaction()) {
            return;
        }
        BlockMap out = new BlockMap();
        long runPos = 0;
        long runEnd = -1;         // -1: no run yet
        BlockStatus runStatus = null;
        for (StatusBlock sb : this) {
            if (runEnd >= 0 && sb.status() == runStatus) {
                runEnd = sb.end();
                continue;
            }
            if (runEnd >= 0) {
                out.append(runPos, runEnd - runPos, runStatus);
            }
            runPos = sb.pos();
            runEnd = sb.end();
            runStatus = sb.status();
        }
        out.append(runPos, runEnd - runPos, runStatus);
        takeBlocksOf(out);
    }

    private boolean needsCompaction() {
        int previous = -1; // status ordinal of the block before
        for (BlockStatus status : zeroSizeHead) {
            if (status.ordinal() == previous) {
                return true;
            }
            previous = status.ordinal();
        }
        for (int leaf = 0; leaf < starts.leafCount(); leaf++) {
            byte[] statuses = starts.leafStatuses(leaf);
            for (int i = 0, n = starts.leafSize(leaf); i < n; i++) {
                if (statuses[i] == previous) {
                    return true;
                }
                previous = statuses[i];
            }
        }
        for (BlockStatus status : zeroSizeTail) {
            if (status.ordinal() == previous) {
                return true;
            }
            previous = status.ordinal();
        }
        return false;
    }

    /** Takes the blocks of {@code other}, a new map that a transformation filled block by block. */
    private void takeBlocksOf(BlockMap other) {
        starts = other.starts;
        zeroSizeHead.clear();
        zeroSizeHead.addAll(other.zeroSizeHead);
        zeroSizeTail.clear();
        zeroSizeTail.addAll(other.zeroSizeTail);
        end = other.end;
    }

    /** Gives the status of every block in the map to one full block (ddrescue: set_to_status). */
    public void setToStatus(BlockStatus status) {
        clear();
        append(0, -1, status);
    }

    /** Splits blocks at the borders of the domain's blocks (ddrescue: split_by_domain_borders). */
    public void splitByDomainBorders(Domain domain) {
        if (domain.blockCount() == 1) {
            // only the blocks strictly containing the domain's two ends are cut
            splitAt(domain.block(0).pos());
            splitAt(domain.block(0).end());
            return;
        }
        splitByBorders(domain.blocks().iterator());
    }

    /** Cuts the block that strictly contains {@code position} in two of the same status. */
    private void splitAt(long position) {
        StatusBlock containing = blockContaining(position);
        if (containing != null && containing.pos() < position) {
            starts.put(position, containing.status());
        }
    }

    /** Splits blocks at the borders of the other map's blocks (ddrescue: split_by_mapfile_borders). */
    public void splitByMapBorders(BlockMap other) {
        Iterator<StatusBlock> blocks = other.iterator();
        splitByBorders(new Iterator<>() {
            @Override
            public boolean hasNext() {
                return blocks.hasNext();
            }

            @Override
            public Block next() {
                return blocks.next().block();
            }
        });
    }

    /** ddrescue's split by borders, block by block: {@code borders} are ordered and do not overlap. */
    private void splitByBorders(Iterator<Block> borders) {
        BlockMap out = new BlockMap();
        Block db = borders.hasNext() ? borders.next() : null;
        for (StatusBlock sb : this) {
            long pos = sb.pos();
            long blockEnd = sb.end();
            BlockStatus status = sb.status();
            while (true) {
                while (db != null && db.end() <= pos) { // the border block lies before the rest of sb
                    db = borders.hasNext() ? borders.next() : null;
                }
                if (db == null) {
                    out.append(pos, blockEnd - pos, status);
                    break;
                }
                if (pos < db.pos() && db.pos() < blockEnd) {
                    out.append(pos, db.pos() - pos, status);
                    pos = db.pos();
                }
                if (pos < db.end() && db.end() < blockEnd) {
                    out.append(pos, db.end() - pos, status);
                    pos = db.end();
                }
                if (pos < db.end()) {
                    out.append(pos, blockEnd - pos, status);
                    break;
                }
                // the rest of the block is compared with the next border
            }
        }
        takeBlocksOf(out);
    }

    /**
     * Drops blocks at or after {@code newEnd} and cuts the one containing it (ddrescue: truncate_vector).
     * Returns false, changing nothing, if finished data would be removed and {@code force} is false.
     */
    public boolean truncate(long newEnd, boolean force) {
        boolean headKept = newEnd > 0;
        long lastKept = headKept ? starts.lower(newEnd) : BlockStarts.NONE; // the last block starting before
        if (!force) {
            if (zeroSizeTail.contains(BlockStatus.FINISHED) || (!headKept && zeroSizeHead.contains(BlockStatus.FINISHED))) {
                return false;
            }
            long c = lastKept == BlockStarts.NONE ? starts.first() : starts.next(lastKept);
            for (; c != BlockStarts.NONE; c = starts.next(c)) {
                if (starts.status(c) == BlockStatus.FINISHED) {
                    return false;
                }
            }
        }
        if (lastKept == BlockStarts.NONE && (!headKept || zeroSizeHead.isEmpty())) {
            clear();
            append(0, 0, BlockStatus.NON_TRIED);
            return true;
        }
        long newLastEnd = end;
        if (lastKept != BlockStarts.NONE) {
            StatusBlock sb = toBlock(lastKept);
            newLastEnd = sb.end();
            if (sb.includes(newEnd)) {
                if (!force && sb.status() == BlockStatus.FINISHED) {
                    return false;
                }
                newLastEnd = newEnd;
            }
            starts.removeFrom(sb.pos() + 1);
        } else {
            starts = new BlockStarts(); // only the zero-size head is kept
            newLastEnd = 0;
        }
        zeroSizeTail.clear();
        end = newLastEnd;
        return true;
    }

    /**
     * The blocks moved by {@code offset}, as ddrescue's shift_blocks leaves them: a positive offset grows the
     * first block if it has {@code fillStatus} (without moving it) or inserts a block of {@code fillStatus} at 0,
     * and drops what would pass the end of the position space; a negative one drops what would fall before 0.
     * When the first block does not start at 0 the result can have a gap, which ddrescuelog writes as is; hence
     * a list, not a map.
     */
    public static List<StatusBlock> shifted(List<StatusBlock> blocks, long offset, BlockStatus fillStatus) {
        List<StatusBlock> v = new ArrayList<>(blocks);
        if (v.isEmpty()) {
            return v;
        }
        if (offset > 0) {
            StatusBlock front = v.get(0);
            if (front.status() == fillStatus) {
                v.set(0, front.withBlock(enlarge(front.block(), offset)));
            } else {
                v.add(0, new StatusBlock(0, offset, fillStatus));
            }
            for (int i = 1; i < v.size(); i++) {
                Block moved = v.get(i).block().shift(offset);
                if (moved.size() <= 0) {
                    v.subList(i, v.size()).clear();
                    break;
                }
                v.set(i, v.get(i).withBlock(moved));
            }
        } else if (offset < 0) {
            for (int i = 0; i < v.size(); i++) {
                if (v.get(i).end() + offset > 0) {
                    if (i > 0) {
                        v.subList(0, i).clear();
                    }
                    break;
                }
            }
            for (int i = 0; i < v.size(); i++) {
                v.set(i, v.get(i).withBlock(v.get(i).block().shift(offset)));
            }
        }
        return v;
    }

    /** Runs of neighbours of equal status merged, as ddrescue's compaction does (gaps are not looked at). */
    public static List<StatusBlock> compacted(List<StatusBlock> v) {
        List<StatusBlock> out = new ArrayList<>(v.size());
        for (int l = 0; l < v.size(); ) {
            StatusBlock run = v.get(l);
            int r = l + 1;
            while (r < v.size() && v.get(r).status() == run.status()) {
                ++r;
            }
            if (r > l + 1) {
                run = new StatusBlock(run.pos(), v.get(r - 1).end() - run.pos(), run.status());
            }
            out.add(run);
            l = r;
        }
        return out;
    }

    private static Block enlarge(Block b, long s) {
        if (s < 0) {
            s = Block.MAX_END;
        }
        if (s > Block.MAX_END - b.end()) {
            s = Block.MAX_END - b.end();
        }
        return new Block(b.pos(), b.size() + s);
    }

    /**
     * Gives each piece of a sector cut by a block boundary to the less processed side, unless a side is
     * finished (ddrescue: join_subsectors, run on load in rescue mode).
     */
    public void joinSubsectors(int sectorSize) {
        if (!cutsSectors(sectorSize)) {
            return; // the usual map: nothing to join, nothing to rebuild
        }
        BlockMap out = new BlockMap();
        Iterator<StatusBlock> blocks = iterator();
        if (!blocks.hasNext()) {
            return;
        }
        StatusBlock first = blocks.next();
        long pos1 = first.pos();     // the pending block, compared with each next one
        long size1 = first.size();
        BlockStatus st1 = first.status();
        while (blocks.hasNext()) {
            StatusBlock sb2 = blocks.next();
            long boundary = pos1 + size1;
            long rest = boundary % sectorSize;
            BlockStatus st2 = sb2.status();
            if (rest <= 0 || st1 == BlockStatus.FINISHED || st2 == BlockStatus.FINISHED) {
                out.append(pos1, size1, st1);
                pos1 = sb2.pos();
                size1 = sb2.size();
                st1 = st2;
                continue;
            }
            long newBoundary = -1;
            BlockStatus merged = st1;
            if (st1.processedRank() <= st2.processedRank()) {
                if (sb2.size() > sectorSize - rest) {
                    newBoundary = boundary + sectorSize - rest;
                }
            } else if (size1 > rest) {
                newBoundary = boundary - rest;
            } else {
                merged = st2;
            }
            if (newBoundary >= 0) {
                out.append(pos1, newBoundary - pos1, st1);
                size1 = sb2.end() - newBoundary;
                pos1 = newBoundary;
                st1 = st2;
            } else {
                size1 += sb2.size();
                st1 = merged;
            }
        }
        out.append(pos1, size1, st1);
        takeBlocksOf(out);
    }

    /** True if a boundary between two unfinished blocks cuts a sector, which {@link #joinSubsectors} joins. */
    private boolean cutsSectors(int sectorSize) {
        StatusBlock previous = null;
        for (StatusBlock sb : this) {
            if (previous != null && previous.end() % sectorSize > 0 && previous.status() != BlockStatus.FINISHED
                    && sb.status() != BlockStatus.FINISHED) {
                return true;
            }
            previous = sb;
        }
        return false;
    }

    /** True if the map is empty or every block is non-tried. */
    public boolean isBlank() {
        for (BlockStatus status : zeroSizeHead) {
            if (status != BlockStatus.NON_TRIED) {
                return false;
            }
        }
        for (int leaf = 0; leaf < starts.leafCount(); leaf++) {
            byte[] statuses = starts.leafStatuses(leaf);
            for (int i = 0, n = starts.leafSize(leaf); i < n; i++) {
                if (statuses[i] != BlockStatus.NON_TRIED.ordinal()) {
                    return false;
                }
            }
        }
        for (BlockStatus status : zeroSizeTail) {
            if (status != BlockStatus.NON_TRIED) {
                return false;
            }
        }
        return true;
    }

    /** A deep copy. */
    public BlockMap copy() {
        BlockMap copy = new BlockMap();
        copy.starts = starts.copy();
        copy.zeroSizeHead.addAll(zeroSizeHead);
        copy.zeroSizeTail.addAll(zeroSizeTail);
        copy.end = end;
        return copy;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BlockMap other && end == other.end && zeroSizeHead.equals(other.zeroSizeHead)
                && zeroSizeTail.equals(other.zeroSizeTail) && starts.sameAs(other.starts);
    }

    @Override
    public int hashCode() {
        return starts.contentHash() * 31 + Long.hashCode(end);
    }

    @Override
    public String toString() {
        return "BlockMap" + toList();
    }

    /** The last block, or null for an empty map. */
    public StatusBlock lastBlock() {
        if (starts.size() > 0) {
            return toBlock(starts.last());
        }
        return zeroSizeHead.isEmpty() ? null : new StatusBlock(0, 0, zeroSizeHead.get(zeroSizeHead.size() - 1));
    }

    /**
     * Sets the status of the whole block starting at {@code blockPos} without merging it with its neighbours
     * (ddrescue: change_sblock_status). Returns false if no block of size greater than zero starts there.
     */
    public boolean setBlockStatus(long blockPos, BlockStatus status) {
        long c = starts.find(blockPos);
        if (c == BlockStarts.NONE) {
            return false;
        }
        starts.setStatus(c, status);
        return true;
    }

    /**
     * Makes the map cover {@code [0, inSize)} before a rescue (ddrescue: extend_sblock_vector): an empty map
     * becomes one non-tried block (to the end of the position space if {@code inSize <= 0}); a gap before the
     * first block is filled with non-tried; only the last block is checked against {@code inSize}: a non-finished
     * one starting exactly there is dropped, a non-finished one passing it is cut, a non-tried block is appended
     * up to {@code inSize}.
     *
     * @throws MapfileException exit 1, if the last block starts past {@code inSize} (or at it while finished),
     *                          or if it is finished and passes {@code inSize}
     */
    public void extend(long inSize) throws MapfileException {
        if (isEmpty()) {
            append(0, inSize > 0 ? inSize : -1, BlockStatus.NON_TRIED);
            return;
        }
        StatusBlock back = !zeroSizeTail.isEmpty()
                ? new StatusBlock(Block.MAX_END, 0, zeroSizeTail.get(zeroSizeTail.size() - 1)) : lastBlock();
        long backEnd = back.end();
        boolean dropBack = false;
        boolean cutBack = false;
        if (inSize > 0) {
            if (back.pos() >= inSize) {
                if (back.pos() != inSize || back.status() == BlockStatus.FINISHED) {
                    throw new MapfileException("Last block in mapfile begins past end of input file.\n"
                            + "          Use '-C' if you are reading from a partial copy.", MapfileException.ENVIRONMENT);
                }
                dropBack = true;
            } else if (backEnd > inSize) {
                if (back.status() == BlockStatus.FINISHED) {
                    throw new MapfileException("Rescued data in mapfile goes past end of input file.\n"
                            + "          Use '-C' if you are reading from a partial copy.", MapfileException.ENVIRONMENT);
                }
                cutBack = true;
            }
        }
        long firstPos = extent().pos();
        if (firstPos > 0) {
            starts.put(0, BlockStatus.NON_TRIED); // the gap before the first block
        }
        if (dropBack) {
            removeLastBlock(back);
        } else if (cutBack) {
            end = inSize; // back is a block of size > 0, the last one
        } else if (inSize > 0) {
            if (backEnd < inSize) {
                append(backEnd, inSize - backEnd, BlockStatus.NON_TRIED);
            }
        } else if (backEnd < Block.MAX_END) {
            append(backEnd, -1, BlockStatus.NON_TRIED);
        }
    }

    /** Removes {@code back}, the last block. */
    private void removeLastBlock(StatusBlock back) {
        if (!zeroSizeTail.isEmpty()) {
            zeroSizeTail.remove(zeroSizeTail.size() - 1);
        } else if (back.size() > 0) {
            starts.remove(back.pos());
            end = back.pos();
        } else {
            zeroSizeHead.remove(zeroSizeHead.size() - 1);
        }
    }
}
