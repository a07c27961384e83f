package io.qrescue.mapfile;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.TreeMap;

/**
 * The blocks of a mapfile: consecutive status blocks without gaps (the first may start after 0). Status
 * changes are O(log n), so a map of millions of blocks stays fast (ddrescue keeps a vector).
 *
 * <p>Adjacent blocks of equal status may coexist, as in ddrescue: a map read from a file or split at domain
 * borders is only merged by {@link #compact()} or by a status change. The one odd shape ddrescue allows is
 * a zero-size block: a {@code 0 0 +} line (only possible at position 0, before every other block), or a block
 * starting at the largest position, whose size is clamped to 0 (only possible after every other block).
 * They are kept apart in {@code zeroSizeHead} and {@code zeroSizeTail}.
 */
public final class BlockMap implements Iterable<StatusBlock> {

    private final TreeMap<Long, BlockStatus> startToStatus = new TreeMap<>(); // blocks of size > 0
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
        return of(List.of(new StatusBlock(0, -1, status)));
    }

    /** Number of blocks (lines in the mapfile). */
    public int blockCount() {
        return zeroSizeHead.size() + startToStatus.size() + zeroSizeTail.size();
    }

    public boolean isEmpty() {
        return blockCount() == 0;
    }

    /** From the start of the first block to the end of the last; {@code [0, 0)} for an empty map. */
    public Block extent() {
        if (isEmpty()) {
            return new Block(0, 0);
        }
        long first = !zeroSizeHead.isEmpty() ? 0 : !startToStatus.isEmpty() ? startToStatus.firstKey() : Block.MAX_END;
        return Block.between(first, end);
    }

    /** All blocks in order, as a new list. */
    public List<StatusBlock> toList() {
        List<StatusBlock> list = new ArrayList<>(blockCount());
        for (StatusBlock sb : this) {
            list.add(sb);
        }
        return list;
    }

    @Override
    public Iterator<StatusBlock> iterator() {
        return new Iterator<>() {
            private int headIndex;
            private final Iterator<Map.Entry<Long, BlockStatus>> body = startToStatus.entrySet().iterator();
            private Map.Entry<Long, BlockStatus> next = body.hasNext() ? body.next() : null;
            private int tailIndex;

            @Override
            public boolean hasNext() {
                return headIndex < zeroSizeHead.size() || next != null || tailIndex < zeroSizeTail.size();
            }

            @Override
            public StatusBlock next() {
                if (headIndex < zeroSizeHead.size()) {
                    return new StatusBlock(0, 0, zeroSizeHead.get(headIndex++));
                }
                if (next == null) {
                    if (tailIndex < zeroSizeTail.size()) {
                        return new StatusBlock(Block.MAX_END, 0, zeroSizeTail.get(tailIndex++));
                    }
                    throw new NoSuchElementException();
                }
                Map.Entry<Long, BlockStatus> current = next;
                next = body.hasNext() ? body.next() : null;
                long blockEnd = next != null ? next.getKey() : end;
                return new StatusBlock(current.getKey(), blockEnd - current.getKey(), current.getValue());
            }
        };
    }

    /**
     * Replaces every block by {@code blocks}, which must be consecutive (zero-size ones only at 0 before all
     * others, or at the largest position after all others).
     */
    public void replaceWith(List<StatusBlock> blocks) {
        startToStatus.clear();
        zeroSizeHead.clear();
        zeroSizeTail.clear();
        end = 0;
        int first = 0;
        int last = blocks.size();
        long expected = -1;
        for (StatusBlock sb : blocks) {
            if (expected >= 0 && sb.pos() != expected) {
                throw new IllegalArgumentException("blocks are not contiguous at " + sb);
            }
            if (sb.size() == 0 && sb.pos() == Block.MAX_END) {
                zeroSizeTail.add(sb.status());
            } else if (sb.size() == 0) {
                if (sb.pos() != 0 || first != zeroSizeHead.size()) {
                    throw new IllegalArgumentException("zero-size block inside the map: " + sb);
                }
                zeroSizeHead.add(sb.status());
                first++;
            } else if (!zeroSizeTail.isEmpty()) {
                throw new IllegalArgumentException("block after the end of the position space: " + sb);
            }
            expected = sb.end();
            end = sb.end();
        }
        last -= zeroSizeTail.size();
        // blocks are sorted: TreeMap builds itself in linear time from a sorted map of the same order
        startToStatus.putAll(new SortedStarts(blocks.subList(first, last)));
    }

    /** A read-only sorted view of consecutive blocks as start -> status, for TreeMap's linear-time build. */
    private static final class SortedStarts extends java.util.AbstractMap<Long, BlockStatus>
            implements java.util.SortedMap<Long, BlockStatus> {
        private final List<StatusBlock> blocks;

        SortedStarts(List<StatusBlock> blocks) {
            this.blocks = blocks;
        }

        @Override
        public java.util.Comparator<? super Long> comparator() {
            return null; // natural order, as the TreeMap's
        }

        @Override
        public int size() {
            return blocks.size();
        }

        @Override
        public java.util.Set<Map.Entry<Long, BlockStatus>> entrySet() {
            return new java.util.AbstractSet<>() {
                @Override
                public Iterator<Map.Entry<Long, BlockStatus>> iterator() {
                    Iterator<StatusBlock> it = blocks.iterator();
                    return new Iterator<>() {
                        @Override
                        public boolean hasNext() {
                            return it.hasNext();
                        }

                        @Override
                        public Map.Entry<Long, BlockStatus> next() {
                            StatusBlock sb = it.next();
                            return Map.entry(sb.pos(), sb.status());
                        }
                    };
                }

                @Override
                public int size() {
                    return blocks.size();
                }
            };
        }

        @Override
        public java.util.SortedMap<Long, BlockStatus> subMap(Long fromKey, Long toKey) {
            throw new UnsupportedOperationException();
        }

        @Override
        public java.util.SortedMap<Long, BlockStatus> headMap(Long toKey) {
            throw new UnsupportedOperationException();
        }

        @Override
        public java.util.SortedMap<Long, BlockStatus> tailMap(Long fromKey) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Long firstKey() {
            return blocks.get(0).pos();
        }

        @Override
        public Long lastKey() {
            return blocks.get(blocks.size() - 1).pos();
        }
    }

    /** The block containing {@code position}, or null (ddrescue: find_index). */
    public StatusBlock blockContaining(long position) {
        Map.Entry<Long, BlockStatus> entry = startToStatus.floorEntry(position);
        if (entry == null) {
            return null;
        }
        StatusBlock sb = toBlock(entry);
        return sb.includes(position) ? sb : null;
    }

    /** The block that starts where {@code sb} (a block of size greater than zero) ends, or null. */
    public StatusBlock blockAfter(StatusBlock sb) {
        Map.Entry<Long, BlockStatus> entry = startToStatus.higherEntry(sb.pos());
        if (entry != null) {
            return toBlock(entry);
        }
        return zeroSizeTail.isEmpty() ? null : new StatusBlock(Block.MAX_END, 0, zeroSizeTail.get(0));
    }

    /** The block that ends where {@code sb} starts (a zero-size head block included), or null. */
    public StatusBlock blockBefore(StatusBlock sb) {
        if (sb.size() == 0) {
            return null; // the head is only walked forwards
        }
        Map.Entry<Long, BlockStatus> entry = startToStatus.lowerEntry(sb.pos());
        if (entry != null) {
            return toBlock(entry);
        }
        return zeroSizeHead.isEmpty() ? null : new StatusBlock(0, 0, zeroSizeHead.get(zeroSizeHead.size() - 1));
    }

    /** The first block of size greater than zero at or after {@code position}'s block, or null. */
    public StatusBlock firstBlockFrom(long position) {
        StatusBlock containing = blockContaining(position);
        if (containing != null) {
            return containing;
        }
        Map.Entry<Long, BlockStatus> entry = startToStatus.ceilingEntry(position);
        return entry == null ? null : toBlock(entry);
    }

    /** Blocks of size greater than zero starting in {@code [fromPos, toPos)}, in order, as a view. */
    public NavigableMap<Long, BlockStatus> startsBetween(long fromPos, long toPos) {
        return java.util.Collections.unmodifiableNavigableMap(startToStatus.subMap(fromPos, true, toPos, false));
    }

    private StatusBlock toBlock(Map.Entry<Long, BlockStatus> entry) {
        Long nextStart = startToStatus.higherKey(entry.getKey());
        long blockEnd = nextStart != null ? nextStart : end;
        return new StatusBlock(entry.getKey(), blockEnd - entry.getKey(), entry.getValue());
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
                startToStatus.put(b.pos(), newStatus);
                return 0;
            }
            // split: the head keeps its key and old status; the rest starts at b.pos
            startToStatus.put(b.pos(), oldStatus);
            left = new StatusBlock(current.pos(), b.pos() - current.pos(), oldStatus);
            current = new StatusBlock(b.pos(), current.end() - b.pos(), oldStatus);
            leftGood = oldGood;
        }
        if (current.size() > b.size()) {
            if (left != null && left.status() == newStatus && domain.includes(left)) {
                absorbIntoLeft(left, current.pos(), newStatus);
            } else {
                startToStatus.put(current.pos(), newStatus);
            }
            startToStatus.put(b.end(), oldStatus);
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
                startToStatus.put(current.pos(), newStatus);
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
            startToStatus.remove(right.pos());
        }
    }

    /** The block starting at {@code start} now belongs to {@code left}, whose status is {@code status}. */
    private void absorbIntoLeft(StatusBlock left, long start, BlockStatus status) {
        if (left.size() == 0) {
            // a zero-size head block grows into a real block at 0
            zeroSizeHead.remove(zeroSizeHead.size() - 1);
            startToStatus.put(start, status);
        } else {
            startToStatus.remove(start);
        }
    }

    /** Merges every run of adjacent blocks of equal status into one block (ddrescue: compact_sblock_vector). */
    public void compact() {
        BlockStatus previous = null;
        for (StatusBlock sb : this) {
            if (sb.status() == previous) {
                replaceWith(compacted(toList()));
                return;
            }
            previous = sb.status();
        }
    }

    /** Gives the status of every block in the map to one full block (ddrescue: set_to_status). */
    public void setToStatus(BlockStatus status) {
        replaceWith(List.of(new StatusBlock(0, -1, status)));
    }

    /** Splits blocks at the borders of the domain's blocks (ddrescue: split_by_domain_borders). */
    public void splitByDomainBorders(Domain domain) {
        if (domain.blockCount() == 1) {
            // only the blocks strictly containing the domain's two ends are cut
            splitAt(domain.block(0).pos());
            splitAt(domain.block(0).end());
            return;
        }
        replaceWith(splitByBorders(toList(), domain.blocks()));
    }

    /** Cuts the block that strictly contains {@code position} in two of the same status. */
    private void splitAt(long position) {
        StatusBlock containing = blockContaining(position);
        if (containing != null && containing.pos() < position) {
            startToStatus.put(position, containing.status());
        }
    }

    /** Splits blocks at the borders of the other map's blocks (ddrescue: split_by_mapfile_borders). */
    public void splitByMapBorders(BlockMap other) {
        List<Block> borders = new ArrayList<>(other.blockCount());
        for (StatusBlock sb : other) {
            borders.add(sb.block());
        }
        replaceWith(splitByBorders(toList(), borders));
    }

    private static List<StatusBlock> splitByBorders(List<StatusBlock> v, List<Block> borders) {
        List<StatusBlock> out = new ArrayList<>(v.size() + 2 * borders.size());
        int j = 0;
        for (int i = 0; i < v.size(); ) {
            StatusBlock sb = v.get(i);
            while (j < borders.size() && borders.get(j).isBefore(sb.block())) {
                ++j;
            }
            if (j >= borders.size()) {
                out.addAll(v.subList(i, v.size()));
                break;
            }
            Block db = borders.get(j);
            if (sb.block().strictlyIncludes(db.pos())) {
                out.add(new StatusBlock(sb.pos(), db.pos() - sb.pos(), sb.status()));
                sb = new StatusBlock(db.pos(), sb.end() - db.pos(), sb.status());
            }
            if (sb.block().strictlyIncludes(db.end())) {
                out.add(new StatusBlock(sb.pos(), db.end() - sb.pos(), sb.status()));
                sb = new StatusBlock(db.end(), sb.end() - db.end(), sb.status());
            }
            if (sb.pos() < db.end()) {
                out.add(sb);
                ++i;
            } else {
                v.set(i, sb); // the rest of the block is compared with the next border
            }
        }
        return out;
    }

    /**
     * Drops blocks at or after {@code newEnd} and cuts the one containing it (ddrescue: truncate_vector).
     * Returns false, changing nothing, if finished data would be removed and {@code force} is false.
     */
    public boolean truncate(long newEnd, boolean force) {
        List<StatusBlock> v = toList();
        int i = v.size();
        while (i > 0 && v.get(i - 1).pos() >= newEnd) {
            --i;
        }
        if (!force) {
            for (int j = i; j < v.size(); j++) {
                if (v.get(j).status() == BlockStatus.FINISHED) {
                    return false;
                }
            }
        }
        if (i == 0) {
            replaceWith(List.of(new StatusBlock(0, 0, BlockStatus.NON_TRIED)));
            return true;
        }
        StatusBlock sb = v.get(i - 1);
        if (sb.includes(newEnd)) {
            if (!force && sb.status() == BlockStatus.FINISHED) {
                return false;
            }
            v.set(i - 1, new StatusBlock(sb.pos(), newEnd - sb.pos(), sb.status()));
        }
        replaceWith(v.subList(0, i));
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
        List<StatusBlock> v = toList();
        for (int i = 0; i + 1 < v.size(); ) {
            StatusBlock sb1 = v.get(i);
            StatusBlock sb2 = v.get(i + 1);
            long boundary = sb1.end();
            long rest = boundary % sectorSize;
            if (rest <= 0 || sb1.status() == BlockStatus.FINISHED || sb2.status() == BlockStatus.FINISHED) {
                ++i;
                continue;
            }
            BlockStatus st1 = sb1.status();
            BlockStatus st2 = sb2.status();
            if (st1.processedRank() <= st2.processedRank()) {
                if (sb2.size() > sectorSize - rest) {
                    moveBoundary(v, i, boundary + sectorSize - rest);
                    ++i;
                    continue;
                }
            } else {
                if (sb1.size() > rest) {
                    moveBoundary(v, i, boundary - rest);
                    ++i;
                    continue;
                }
                st1 = st2;
            }
            v.set(i, new StatusBlock(sb1.pos(), sb1.size() + sb2.size(), st1));
            v.remove(i + 1);
        }
        replaceWith(v);
    }

    private static void moveBoundary(List<StatusBlock> v, int i, long newBoundary) {
        StatusBlock a = v.get(i);
        StatusBlock b = v.get(i + 1);
        v.set(i, new StatusBlock(a.pos(), newBoundary - a.pos(), a.status()));
        v.set(i + 1, new StatusBlock(newBoundary, b.end() - newBoundary, b.status()));
    }

    /** True if the map is empty or every block is non-tried. */
    public boolean isBlank() {
        for (StatusBlock sb : this) {
            if (sb.status() != BlockStatus.NON_TRIED) {
                return false;
            }
        }
        return true;
    }

    /** A deep copy. */
    public BlockMap copy() {
        BlockMap copy = new BlockMap();
        copy.startToStatus.putAll(startToStatus);
        copy.zeroSizeHead.addAll(zeroSizeHead);
        copy.zeroSizeTail.addAll(zeroSizeTail);
        copy.end = end;
        return copy;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BlockMap other && end == other.end && zeroSizeHead.equals(other.zeroSizeHead)
                && zeroSizeTail.equals(other.zeroSizeTail) && startToStatus.equals(other.startToStatus);
    }

    @Override
    public int hashCode() {
        return startToStatus.hashCode() * 31 + Long.hashCode(end);
    }

    @Override
    public String toString() {
        return "BlockMap" + toList();
    }

    /** The last block, or null for an empty map. */
    public StatusBlock lastBlock() {
        if (!startToStatus.isEmpty()) {
            return toBlock(startToStatus.lastEntry());
        }
        return zeroSizeHead.isEmpty() ? null : new StatusBlock(0, 0, zeroSizeHead.get(zeroSizeHead.size() - 1));
    }

    /**
     * Sets the status of the whole block starting at {@code blockPos} without merging it with its neighbours
     * (ddrescue: change_sblock_status). Returns false if no block of size greater than zero starts there.
     */
    public boolean setBlockStatus(long blockPos, BlockStatus status) {
        if (!startToStatus.containsKey(blockPos)) {
            return false;
        }
        startToStatus.put(blockPos, status);
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
        List<StatusBlock> v = toList();
        if (v.isEmpty()) {
            replaceWith(List.of(new StatusBlock(0, inSize > 0 ? inSize : -1, BlockStatus.NON_TRIED)));
            return;
        }
        if (v.get(0).pos() > 0) {
            v.add(0, new StatusBlock(0, v.get(0).pos(), BlockStatus.NON_TRIED));
        }
        StatusBlock back = v.get(v.size() - 1);
        long backEnd = back.end();
        if (inSize > 0) {
            if (back.pos() >= inSize) {
                if (back.pos() == inSize && back.status() != BlockStatus.FINISHED) {
                    v.remove(v.size() - 1);
                    replaceWith(v);
                    return;
                }
                throw new MapfileException("Last block in mapfile begins past end of input file.\n"
                        + "          Use '-C' if you are reading from a partial copy.", MapfileException.ENVIRONMENT);
            }
            if (backEnd > inSize) {
                if (back.status() != BlockStatus.FINISHED) {
                    v.set(v.size() - 1, new StatusBlock(back.pos(), inSize - back.pos(), back.status()));
                    replaceWith(v);
                    return;
                }
                throw new MapfileException("Rescued data in mapfile goes past end of input file.\n"
                        + "          Use '-C' if you are reading from a partial copy.", MapfileException.ENVIRONMENT);
            }
            if (backEnd < inSize) {
                v.add(new StatusBlock(backEnd, inSize - backEnd, BlockStatus.NON_TRIED));
            }
        } else if (backEnd < Block.MAX_END) {
            v.add(new StatusBlock(backEnd, -1, BlockStatus.NON_TRIED));
        }
        replaceWith(v);
    }
}
