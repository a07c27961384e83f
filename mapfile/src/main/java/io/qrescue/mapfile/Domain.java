package io.qrescue.mapfile;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The rescue domain: ordered, non-overlapping byte ranges that an operation may touch (ddrescue: Domain).
 * Never without a block: an empty domain is the single block {@code [0, 0)}. Immutable.
 */
public final class Domain {

    private static final Block NOTHING = new Block(0, 0);

    private final List<Block> blocks; // ordered, non-overlapping, at least one
    private final long inSize;

    private Domain(List<Block> blocks) {
        this.blocks = blocks.isEmpty() ? List.of(NOTHING) : Collections.unmodifiableList(blocks);
        long total = 0;
        for (Block block : this.blocks) {
            total += block.size();
        }
        this.inSize = total;
    }

    /** The domain {@code [pos, pos + size)}; a negative size means "to the end" (ddrescue's -s -1). */
    public static Domain of(long pos, long size) {
        return new Domain(List.of(new Block(pos, size)));
    }

    /** The whole position space, {@code [0, Long.MAX_VALUE)}. */
    public static Domain everything() {
        return of(0, -1);
    }

    /**
     * The finished blocks of {@code domainMap} (merged where adjacent), cropped to {@code [pos, pos + size)}:
     * what ddrescue and ddrescuelog build for {@code -m FILE -i POS -s SIZE}.
     */
    public static Domain ofFinished(BlockMap domainMap, long pos, long size) {
        List<Block> finished = new ArrayList<>();
        long runStart = -1;
        long runEnd = -1;
        for (StatusBlock sb : domainMap) {
            if (sb.status() == BlockStatus.FINISHED) {
                if (runStart >= 0 && runEnd == sb.pos()) {
                    runEnd = sb.end();
                } else {
                    if (runStart >= 0) {
                        finished.add(Block.between(runStart, runEnd));
                    }
                    runStart = sb.pos();
                    runEnd = sb.end();
                }
            } else if (runStart >= 0) {
                finished.add(Block.between(runStart, runEnd));
                runStart = -1;
            }
        }
        if (runStart >= 0) {
            finished.add(Block.between(runStart, runEnd));
        }
        if (finished.isEmpty()) {
            return new Domain(List.of());
        }
        return new Domain(finished).crop(new Block(pos, size));
    }

    /** A domain made of the given ordered, non-overlapping blocks. */
    public static Domain ofBlocks(List<Block> ordered) {
        for (int i = 1; i < ordered.size(); i++) {
            if (ordered.get(i).pos() < ordered.get(i - 1).end()) {
                throw new IllegalArgumentException("domain blocks overlap or are unordered at " + i);
            }
        }
        return new Domain(new ArrayList<>(ordered));
    }

    public long pos() {
        return blocks.get(0).pos();
    }

    public long end() {
        return blocks.get(blocks.size() - 1).end();
    }

    /** Distance from the first position to the end, holes included. */
    public long size() {
        return end() - pos();
    }

    /** Sum of the sizes of the domain's blocks. */
    public long inSize() {
        return inSize;
    }

    public int blockCount() {
        return blocks.size();
    }

    public Block block(int index) {
        return blocks.get(index);
    }

    public List<Block> blocks() {
        return blocks;
    }

    public boolean isEmpty() {
        return end() <= pos();
    }

    /** True if a single block of the domain contains all of {@code b}. */
    public boolean includes(Block b) {
        return indexOf(b, true) >= 0;
    }

    public boolean includes(StatusBlock sb) {
        return includes(sb.block());
    }

    public boolean includes(long position) {
        return position >= 0 && position < Block.MAX_END && indexOf(new Block(position, 1), true) >= 0;
    }

    public boolean overlaps(Block b) {
        return indexOf(b, false) >= 0;
    }

    /**
     * ddrescue's binary search for the domain block that includes (or overlaps) {@code b}; -1 if there is none.
     * A block that only partly covers {@code b} ends an inclusion search.
     */
    private int indexOf(Block b, boolean inclusion) {
        int l = 0;
        int r = blocks.size();
        while (l < r) {
            int m = (l + r) >>> 1;
            Block db = blocks.get(m);
            if (inclusion ? db.includes(b) : db.overlaps(b)) {
                return m;
            }
            if (db.isBefore(b)) {
                l = m + 1;
            } else if (b.isBefore(db)) {
                r = m;
            } else {
                break;
            }
        }
        return -1;
    }

    /** True if the whole domain lies before {@code b} (ddrescue: {@code domain < b}). */
    public boolean isBefore(Block b) {
        return end() <= b.pos();
    }

    /** The domain cut to {@code b}, exactly as ddrescue's Domain::crop does it. */
    public Domain crop(Block b) {
        List<Block> v = new ArrayList<>(blocks);
        int r = v.size();
        while (r > 0 && b.isBefore(v.get(r - 1))) {
            --r;
        }
        if (r > 0) {
            v.set(r - 1, v.get(r - 1).crop(b));
        }
        if (r <= 0 || v.get(r - 1).size() <= 0) {
            return new Domain(List.of());
        }
        if (r < v.size()) {
            v.subList(r, v.size()).clear();
        }
        if (b.pos() <= 0) {
            return new Domain(v);
        }
        --r;
        int l = 0;
        while (l < r && v.get(l).isBefore(b)) {
            ++l;
        }
        if (l < r) {
            v.set(l, v.get(l).crop(b));
        }
        if (l > 0) {
            v.subList(0, l).clear();
        }
        return new Domain(v);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Domain other && blocks.equals(other.blocks);
    }

    @Override
    public int hashCode() {
        return blocks.hashCode();
    }

    @Override
    public String toString() {
        return "Domain" + blocks;
    }
}
