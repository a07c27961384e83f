package io.qrescue.recovery.files;

import io.qrescue.mapfile.Block;
import io.qrescue.recovery.source.ImageSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an ext4 filesystem's allocation ({@link Ext4Allocation}) from a volume's bytes, parsing only good bytes: a
 * structure on bytes not imaged yet or unreadable is recorded as pending metadata, and what it would have told stays
 * unknown. On-disk facts (the kernel's ext4 documentation): superblock at byte 1024; group descriptors in the block
 * after the superblock's; per group a block bitmap, an inode bitmap and an inode table; inodes with the extents flag
 * hold an extent tree (header magic 0xF30A) in i_block, the others (ext2/3 style) a block map of direct and indirect
 * block numbers; directories are linear entries (htree nodes read as empty entries).
 */
public final class Ext4AllocationReader {

    private static final int SUPERBLOCK_OFFSET = 1024;
    private static final int EXT4_MAGIC = 0xEF53;
    private static final int EXTENT_MAGIC = 0xF30A;
    private static final int INCOMPAT_META_BG = 0x10;
    private static final int INCOMPAT_64BIT = 0x80;
    private static final int RO_COMPAT_GDT_CSUM = 0x10;
    private static final int RO_COMPAT_METADATA_CSUM = 0x400;
    private static final int BG_INODE_UNINIT = 0x1;
    private static final int EXTENTS_FL = 0x80000;
    private static final int INLINE_DATA_FL = 0x10000000;
    private static final int HUGE_FILE_FL = 0x40000;
    private static final int S_IFMT = 0xF000;
    private static final int S_IFREG = 0x8000;
    private static final int S_IFDIR = 0x4000;
    private static final long ROOT_INODE = 2;
    /** Inode tables are parsed in pieces of this many bytes. */
    private static final int TABLE_CHUNK = 1 << 20;

    private final ImageSource volume;
    private final List<Block> metadata = new ArrayList<>();
    private final List<Block> pending = new ArrayList<>();
    private int blockSize;
    private long inodesPerGroup;
    private int inodeSize;

    private Ext4AllocationReader(ImageSource volume) {
        this.volume = volume;
    }

    /**
     * The allocation of the ext4 filesystem on {@code volume}, or null when its superblock is good and holds no ext4
     * magic (another filesystem, or none).
     */
    public static Ext4Allocation read(ImageSource volume) throws IOException {
        return new Ext4AllocationReader(volume).read();
    }

    /** A parsed inode: type, size, flags, i_block, and how many filesystem blocks it owns (i_blocks). */
    private record Inode(long number, int mode, long size, int flags, byte[] iBlock, long ownedBlocks) {
        boolean isFile() {
            return (mode & S_IFMT) == S_IFREG;
        }

        boolean isDirectory() {
            return (mode & S_IFMT) == S_IFDIR;
        }
    }

    /** The data of one inode as far as its extent tree could be read. */
    private record Extents(List<Block> data, boolean known) {
    }

    private Ext4Allocation read() throws IOException {
        Block sbArea = new Block(0, 4096);
        ByteBuffer sb = good(SUPERBLOCK_OFFSET, 1024);
        if (sb == null) {
            metadata.add(sbArea);
            pending.add(sbArea);
            return new Ext4Allocation(0, metadata, pending, List.of(), 0);
        }
        if ((sb.getShort(0x38) & 0xFFFF) != EXT4_MAGIC) {
            return null;
        }
        metadata.add(sbArea);
        blockSize = 1024 << sb.getInt(0x18);
        long blocksCount = (sb.getInt(0x04) & 0xFFFFFFFFL) | ((long) sb.getInt(0x150) << 32 & 0xFFFFFFFF00000000L);
        long firstDataBlock = sb.getInt(0x14) & 0xFFFFFFFFL;
        long blocksPerGroup = sb.getInt(0x20) & 0xFFFFFFFFL;
        inodesPerGroup = sb.getInt(0x28) & 0xFFFFFFFFL;
        inodeSize = sb.getShort(0x58) & 0xFFFF;
        int incompat = sb.getInt(0x60);
        int roCompat = sb.getInt(0x64);
        long journalInode = sb.getInt(0xE0) & 0xFFFFFFFFL;
        boolean is64 = (incompat & INCOMPAT_64BIT) != 0;
        int descSize = is64 ? Math.max(32, sb.getShort(0xFE) & 0xFFFF) : 32;
        boolean itableUnusedValid = (roCompat & (RO_COMPAT_GDT_CSUM | RO_COMPAT_METADATA_CSUM)) != 0;
        if ((incompat & INCOMPAT_META_BG) != 0 || blocksPerGroup == 0 || inodesPerGroup == 0 || inodeSize < 128) {
            // descriptors scattered over meta groups (or a geometry we cannot trust): the files stay unknown
            return new Ext4Allocation(blockSize, metadata, pending, List.of(), 1);
        }
        long groups = (blocksCount - firstDataBlock + blocksPerGroup - 1) / blocksPerGroup;
        long gdtOffset = (firstDataBlock + 1) * blockSize;
        long gdtBytes = roundUp(groups * descSize, blockSize);
        Block gdt = new Block(gdtOffset, gdtBytes);
        metadata.add(gdt);
        ByteBuffer descriptors = good(gdtOffset, (int) gdtBytes);
        if (descriptors == null) {
            pending.add(gdt);
            return new Ext4Allocation(blockSize, metadata, pending, List.of(), 1);
        }
        Map<Long, Inode> inodes = new LinkedHashMap<>();
        long unknownInodes = 0;
        boolean hiWords = is64 && descSize >= 64;
        for (long g = 0; g < groups; g++) {
            int d = (int) (g * descSize);
            long blockBitmap = lohi(descriptors, d, d + 0x20, hiWords);
            long inodeBitmap = lohi(descriptors, d + 0x04, d + 0x24, hiWords);
            long inodeTable = lohi(descriptors, d + 0x08, d + 0x28, hiWords);
            int flags = descriptors.getShort(d + 0x12) & 0xFFFF;
            long unused = (descriptors.getShort(d + 0x1C) & 0xFFFF)
                    | (hiWords ? (long) (descriptors.getShort(d + 0x32) & 0xFFFF) << 16 : 0);
            metadata.add(new Block(blockBitmap * blockSize, blockSize));
            Block ibm = new Block(inodeBitmap * blockSize, blockSize);
            metadata.add(ibm);
            if ((flags & BG_INODE_UNINIT) != 0) {
                continue;
            }
            long used = itableUnusedValid ? Math.max(0, inodesPerGroup - unused) : inodesPerGroup;
            if (used == 0) {
                continue;
            }
            Block table = new Block(inodeTable * blockSize, roundUp(used * inodeSize, blockSize));
            metadata.add(table);
            ByteBuffer bitmap = good(ibm.pos(), blockSize);
            if (bitmap == null) {
                pending.add(ibm);
                unknownInodes += used;
                continue;
            }
            unknownInodes += readTable(g, table, used, bitmap, inodes);
        }
        if (journalInode != 0 && inodes.containsKey(journalInode)) {
            Extents journal = extents(inodes.get(journalInode));
            metadata.addAll(journal.data());
        }
        Map<Long, String> paths = walkDirectories(inodes);
        List<Ext4Allocation.Ext4File> files = new ArrayList<>();
        for (Inode ino : inodes.values()) {
            if (!ino.isFile() || ino.number() < firstInode(sb)) {
                continue;
            }
            Extents e = extents(ino);
            files.add(new Ext4Allocation.Ext4File(ino.number(), paths.get(ino.number()), ino.size(), e.data(),
                    e.known()));
        }
        return new Ext4Allocation(blockSize, metadata, pending, files, unknownInodes);
    }

    /** Parses the in-use inodes of one group's table; returns how many in-use inodes could not be read. */
    private long readTable(long group, Block table, long used, ByteBuffer bitmap, Map<Long, Inode> into)
            throws IOException {
        long unknown = 0;
        for (long chunkStart = 0; chunkStart < table.size(); chunkStart += TABLE_CHUNK) {
            int chunkBytes = (int) Math.min(TABLE_CHUNK, table.size() - chunkStart);
            long firstIndex = chunkStart / inodeSize;
            long lastIndex = Math.min(used, (chunkStart + chunkBytes) / inodeSize);
            ByteBuffer chunk = good(table.pos() + chunkStart, chunkBytes);
            for (long i = firstIndex; i < lastIndex; i++) {
                if ((bitmap.get((int) (i >>> 3)) & (1 << (i & 7))) == 0) {
                    continue;
                }
                long number = group * inodesPerGroup + i + 1;
                if (chunk == null) {
                    unknown++;
                    continue;
                }
                int at = (int) (i * inodeSize - chunkStart);
                int mode = chunk.getShort(at) & 0xFFFF;
                long size = (chunk.getInt(at + 0x04) & 0xFFFFFFFFL) | ((long) chunk.getInt(at + 0x6C) << 32);
                int flags = chunk.getInt(at + 0x20);
                byte[] iBlock = new byte[60];
                chunk.get(at + 0x28, iBlock);
                // i_blocks: 512-byte units, or filesystem blocks with EXT4_HUGE_FILE_FL; the high half at 0x74
                long iBlocks = (chunk.getInt(at + 0x1C) & 0xFFFFFFFFL) | (long) (chunk.getShort(at + 0x74) & 0xFFFF) << 32;
                long owned = (flags & HUGE_FILE_FL) != 0 ? iBlocks : (iBlocks * 512 + blockSize - 1) / blockSize;
                into.put(number, new Inode(number, mode, size, flags, iBlock, owned));
            }
            if (chunk == null) {
                pending.add(new Block(table.pos() + chunkStart, chunkBytes));
            }
        }
        return unknown;
    }

    /** The written data of an inode through its extent tree; the tree's own blocks become metadata. */
    private Extents extents(Inode ino) throws IOException {
        if ((ino.flags() & INLINE_DATA_FL) != 0) {
            return new Extents(List.of(), true);
        }
        if ((ino.flags() & EXTENTS_FL) == 0) {
            return blockMap(ino);
        }
        List<Block> data = new ArrayList<>();
        boolean known = node(ByteBuffer.wrap(ino.iBlock()).order(ByteOrder.LITTLE_ENDIAN), data, 0);
        return new Extents(data, known);
    }

    /**
     * The data of a block-mapped (ext2/3 style) inode: i_block holds 12 direct block numbers, then one single, one
     * double and one triple indirect block, each indirect block an array of 32-bit block numbers (0: a hole). The
     * indirect blocks become metadata; the walk stops at the blocks the file's size can reach.
     */
    private Extents blockMap(Inode ino) throws IOException {
        ByteBuffer iBlock = ByteBuffer.wrap(ino.iBlock()).order(ByteOrder.LITTLE_ENDIAN);
        long blocksLeft = (ino.size() + blockSize - 1) / blockSize;
        BlockRuns data = new BlockRuns(ino.ownedBlocks());
        boolean known = true;
        for (int i = 0; i < 15 && blocksLeft > 0; i++) {
            long nr = iBlock.getInt(4 * i) & 0xFFFFFFFFL;
            int depth = Math.max(0, i - 11);
            long covers = coveredBlocks(depth);
            if (nr != 0) {
                known &= indirect(nr, depth, Math.min(blocksLeft, covers), data);
            }
            blocksLeft -= covers;
        }
        return new Extents(data.blocks, known);
    }

    /**
     * Block {@code nr} at {@code depth} above the data (0: a data block), of which the file uses at most
     * {@code blocks} data blocks; returns false when an indirect block below could not be read.
     */
    private boolean indirect(long nr, int depth, long blocks, BlockRuns data) throws IOException {
        if (nr >= volume.size() / blockSize || !data.take()) {
            // a block past the volume, or more blocks than the inode owns: the map is not what it says (a flipped
            // extents flag reads an extent tree as block numbers), so it is not followed further
            return false;
        }
        if (depth == 0) {
            data.add(nr * blockSize, blockSize);
            return true;
        }
        Block self = new Block(nr * blockSize, blockSize);
        metadata.add(self);
        ByteBuffer b = good(self.pos(), blockSize);
        if (b == null) {
            pending.add(self);
            return false;
        }
        long each = coveredBlocks(depth - 1);
        boolean known = true;
        for (int i = 0; i < blockSize / 4 && blocks > 0; i++) {
            long child = b.getInt(4 * i) & 0xFFFFFFFFL;
            if (child != 0) {
                known &= indirect(child, depth - 1, Math.min(blocks, each), data);
            }
            blocks -= each;
        }
        return known;
    }

    /** Data blocks one block number at {@code depth} covers: 1, then (block size / 4) per level. */
    private long coveredBlocks(int depth) {
        long n = 1;
        for (int d = 0; d < depth; d++) {
            n *= blockSize / 4;
        }
        return n;
    }

    /**
     * Data ranges with physically consecutive blocks merged (a block map lists every block on its own), and how many
     * more blocks (data and indirect) the walk may still visit: no more than the inode owns.
     */
    private static final class BlockRuns {
        final List<Block> blocks = new ArrayList<>();
        private long budget;

        BlockRuns(long ownedBlocks) {
            this.budget = ownedBlocks;
        }

        /** Counts one more block of the inode; false when it owns no more. */
        boolean take() {
            return budget-- > 0;
        }

        void add(long pos, long size) {
            int last = blocks.size() - 1;
            if (last >= 0 && blocks.get(last).end() == pos) {
                blocks.set(last, new Block(blocks.get(last).pos(), blocks.get(last).size() + size));
            } else {
                blocks.add(new Block(pos, size));
            }
        }
    }

    /** Walks one extent node; returns false when part of the tree below could not be read. */
    private boolean node(ByteBuffer n, List<Block> data, int level) throws IOException {
        if ((n.getShort(0) & 0xFFFF) != EXTENT_MAGIC || level > 8) {
            return false;
        }
        int entries = n.getShort(2) & 0xFFFF;
        int depth = n.getShort(6) & 0xFFFF;
        boolean known = true;
        for (int e = 0; e < entries && 12 + 12 * (e + 1) <= n.capacity(); e++) {
            int at = 12 + 12 * e;
            if (depth == 0) {
                int len = n.getShort(at + 4) & 0xFFFF;
                if (len > 32768) {
                    continue; // unwritten extent: reads as zeros, nothing on disk to rescue
                }
                long start = ((long) (n.getShort(at + 6) & 0xFFFF) << 32) | (n.getInt(at + 8) & 0xFFFFFFFFL);
                data.add(new Block(start * blockSize, (long) len * blockSize));
            } else {
                long leaf = ((long) (n.getShort(at + 8) & 0xFFFF) << 32) | (n.getInt(at + 4) & 0xFFFFFFFFL);
                Block child = new Block(leaf * blockSize, blockSize);
                metadata.add(child);
                ByteBuffer c = good(child.pos(), blockSize);
                if (c == null) {
                    pending.add(child);
                    known = false;
                } else {
                    known &= node(c, data, level + 1);
                }
            }
        }
        return known;
    }

    /** Paths from the root through every readable directory; directory data becomes metadata. */
    private Map<Long, String> walkDirectories(Map<Long, Inode> inodes) throws IOException {
        Map<Long, String> paths = new HashMap<>();
        Deque<Long> todo = new ArrayDeque<>();
        paths.put(ROOT_INODE, "");
        todo.add(ROOT_INODE);
        while (!todo.isEmpty()) {
            long dirNumber = todo.poll();
            Inode dir = inodes.get(dirNumber);
            if (dir == null || !dir.isDirectory()) {
                continue;
            }
            Extents e = extents(dir);
            metadata.addAll(e.data());
            for (Block b : e.data()) {
                for (long off = b.pos(); off < b.end(); off += blockSize) {
                    ByteBuffer block = good(off, blockSize);
                    if (block == null) {
                        pending.add(new Block(off, blockSize));
                        continue;
                    }
                    for (int at = 0; at + 8 <= blockSize; ) {
                        long child = block.getInt(at) & 0xFFFFFFFFL;
                        int recLen = block.getShort(at + 4) & 0xFFFF;
                        int nameLen = block.get(at + 6) & 0xFF;
                        if (recLen < 8 || at + recLen > blockSize) {
                            break;
                        }
                        if (child != 0 && nameLen > 0 && at + 8 + nameLen <= blockSize) {
                            String name = new String(block.array(), at + 8, nameLen, StandardCharsets.UTF_8);
                            if (!name.equals(".") && !name.equals("..") && !paths.containsKey(child)) {
                                paths.put(child, paths.get(dirNumber) + "/" + name);
                                todo.add(child);
                            }
                        }
                        at += recLen;
                    }
                }
            }
        }
        paths.remove(ROOT_INODE);
        Map<Long, String> relative = new HashMap<>();
        paths.forEach((k, v) -> relative.put(k, v.substring(1)));
        return relative;
    }

    private long firstInode(ByteBuffer sb) {
        long first = sb.getInt(0x54) & 0xFFFFFFFFL;
        return first == 0 ? 11 : first;
    }

    /** {@code length} good bytes at {@code offset} (little-endian), or null when any is not good or past the end. */
    private ByteBuffer good(long offset, int length) throws IOException {
        if (offset < 0 || offset + length > volume.size() || !volume.isGood(offset, length)) {
            return null;
        }
        return ByteBuffer.wrap(volume.readFully(offset, length)).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static long lohi(ByteBuffer b, int lo, int hi, boolean is64) {
        long v = b.getInt(lo) & 0xFFFFFFFFL;
        return is64 ? v | (b.getInt(hi) & 0xFFFFFFFFL) << 32 : v;
    }

    private static long roundUp(long n, long unit) {
        return (n + unit - 1) / unit * unit;
    }
}
