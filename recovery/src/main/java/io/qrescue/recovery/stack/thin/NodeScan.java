package io.qrescue.recovery.stack.thin;

import io.qrescue.recovery.source.ImageSource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One pass over every block of a thin pool's metadata device: the btree nodes that are valid (checksum, their own
 * block number, a sane header, keys ascending), each classified by what it can be part of, and the superblock
 * copies and metadata space-map index blocks found on the way. Only good bytes are parsed; a block with any
 * unreadable or doubtful byte counts as lost. Work and memory are bounded by the block count.
 */
final class NodeScan {

    /** What a valid node can be part of, from its value size and (for internal nodes) its valid children. */
    enum NodeClass {
        /** Leaf of a device's mapping tree: virtual block to (data block, time). */
        MAPPING_LEAF,
        /** Internal node whose children are mapping-tree nodes. */
        MAPPING_INTERNAL,
        /** Leaf with 8-byte values and no entries: an empty mapping tree or an empty top-level tree. */
        EMPTY_LEAF,
        /** Leaf of the top-level tree: device id to the root block of the device's mapping tree. */
        TOP_LEVEL_LEAF,
        TOP_LEVEL_INTERNAL,
        /** Leaf of the device-details tree (24-, 32- or 44-byte records). */
        DETAILS_LEAF,
        DETAILS_INTERNAL,
        /** Space-map index or reference-count nodes, QNAP clone-tree nodes, or nodes whose children are all lost. */
        OTHER
    }

    private static final int MAX_DEPTH = BTreeWalk.MAX_DEPTH;

    private final MetadataBlocks blocks;
    private final Map<Long, ScannedNode> nodes = new HashMap<>();
    private final Map<Long, NodeClass> classes = new HashMap<>();
    private final Map<Long, Integer> heights = new HashMap<>();
    private final SortedMap<Long, ThinSuperblock> superblocks = new TreeMap<>();
    private final List<Long> indexBlocks = new ArrayList<>();
    private final List<Long> bitmapBlocks = new ArrayList<>();
    private long unreadableBlocks;

    private NodeScan(MetadataBlocks blocks) {
        this.blocks = blocks;
    }

    /** Scans {@code tmeta} in {@code blockSizeBytes} blocks. */
    static NodeScan scan(ImageSource tmeta, int blockSizeBytes) {
        NodeScan s = new NodeScan(new MetadataBlocks(tmeta, blockSizeBytes, new Findings()));
        s.readAll(tmeta);
        s.classifyAll();
        return s;
    }

    /**
     * Scans with the block size the nodes themselves prove: QNAP's 8 KiB or upstream's 4 KiB, whichever yields more
     * valid nodes and superblock copies (a checksum covers the whole block, so the wrong size validates nothing).
     */
    static NodeScan scanDetectingBlockSize(ImageSource tmeta) {
        NodeScan big = scan(tmeta, 8192);
        NodeScan small = scan(tmeta, 4096);
        return big.nodes.size() + big.superblocks.size() > small.nodes.size() + small.superblocks.size() ? big : small;
    }

    private void readAll(ImageSource tmeta) {
        int bs = blocks.blockSizeBytes();
        for (long b = 0; b < blocks.deviceBlocks(); b++) {
            byte[] block;
            try {
                block = tmeta.readGood(blocks.offsetOf(b), bs);
            } catch (IOException e) {
                unreadableBlocks++;
                continue;
            }
            int stored = MetadataChecksum.stored(block);
            if (stored == MetadataChecksum.compute(block, MetadataChecksum.BTREE_NODE_SALT)) {
                if (BTreeNode.parse(block, b) instanceof BTreeNode n) {
                    nodes.put(b, summarize(n));
                }
            } else if (stored == MetadataChecksum.compute(block, MetadataChecksum.SUPERBLOCK_SALT)) {
                ThinSuperblock sb = ThinSuperblock.parse(block, b);
                if (sb.looksValid() && sb.metadataBlockSizeSectors() * 512 == bs) {
                    superblocks.put(b, sb);
                }
            } else if (stored == MetadataChecksum.compute(block, MetadataChecksum.INDEX_SALT) && Le.u64(block, 8) == b) {
                indexBlocks.add(b);
            } else if (stored == MetadataChecksum.compute(block, MetadataChecksum.BITMAP_SALT) && Le.u64(block, 8) == b) {
                bitmapBlocks.add(b);
            }
        }
    }

    private ScannedNode summarize(BTreeNode n) {
        int nr = n.nrEntries();
        long first = nr == 0 ? 0 : n.key(0);
        long last = nr == 0 ? -1 : n.key(nr - 1);
        long[] pointers = null;
        long maxTime = 0;
        if (n.valueSize() == 8) {
            boolean allBlocks = true;
            long[] values = new long[nr];
            for (int i = 0; i < nr; i++) {
                values[i] = n.valueU64(i);
                allBlocks &= values[i] > 0 && values[i] < blocks.deviceBlocks();
                maxTime = Math.max(maxTime, values[i] & 0x3F_FFFFL);
            }
            if (!n.isLeaf() || allBlocks && nr > 0) {
                pointers = values;
            }
        }
        return new ScannedNode(n.blockNr(), n.isLeaf(), n.valueSize(), nr, first, last, pointers,
                n.isLeaf() ? maxTime : 0);
    }

    private void classifyAll() {
        for (ScannedNode n : nodes.values()) {
            if (n.leaf()) {
                classes.put(n.blockNr(), leafClass(n));
            }
        }
        for (ScannedNode n : nodes.values()) {
            classOf(n.blockNr(), 0);
        }
    }

    private NodeClass leafClass(ScannedNode n) {
        return switch (n.valueSize()) {
            case 8 -> n.isEmpty() ? NodeClass.EMPTY_LEAF : looksTopLevel(n) ? NodeClass.TOP_LEVEL_LEAF
                    : NodeClass.MAPPING_LEAF;
            case 24, 32, 44 -> NodeClass.DETAILS_LEAF;
            default -> NodeClass.OTHER;
        };
    }

    /**
     * A top-level leaf's values are metadata blocks that hold 8-byte-valued nodes (or are lost); a mapping leaf's are
     * data blocks shifted left by 24 bits, so with two entries or more some value is beyond any metadata device.
     */
    private boolean looksTopLevel(ScannedNode n) {
        if (n.pointers() == null || n.lastKey() >= (1L << 32)) {
            return false;
        }
        for (long p : n.pointers()) {
            ScannedNode child = nodes.get(p);
            if (child != null && !child.hasBlockValues()) {
                return false;
            }
            if (child == null && n.nrEntries() < 2) {
                return false;
            }
        }
        return true;
    }

    /** The class of node {@code blockNr}, from its first valid child for internal nodes (memoised, depth-bounded). */
    private NodeClass classOf(long blockNr, int depth) {
        NodeClass known = classes.get(blockNr);
        if (known != null) {
            return known;
        }
        ScannedNode n = nodes.get(blockNr);
        if (n == null) {
            return null;
        }
        classes.put(blockNr, NodeClass.OTHER); // provisional: a cycle through this node ends here
        NodeClass c = NodeClass.OTHER;
        int height = -1;
        if (depth < MAX_DEPTH) {
            for (long child : n.pointers()) {
                NodeClass cc = child == blockNr ? null : classOf(child, depth + 1);
                if (cc == null) {
                    continue;
                }
                c = switch (cc) {
                    case MAPPING_LEAF, MAPPING_INTERNAL, EMPTY_LEAF -> NodeClass.MAPPING_INTERNAL;
                    case TOP_LEVEL_LEAF, TOP_LEVEL_INTERNAL -> NodeClass.TOP_LEVEL_INTERNAL;
                    case DETAILS_LEAF, DETAILS_INTERNAL -> NodeClass.DETAILS_INTERNAL;
                    case OTHER -> NodeClass.OTHER;
                };
                height = height(child) + 1;
                break;
            }
        }
        classes.put(blockNr, c);
        if (height > 0) {
            heights.put(blockNr, height);
        }
        return c;
    }

    /** Leaves are at height 0; an internal node one above its first valid child; -1 when unknown. */
    int height(long blockNr) {
        ScannedNode n = nodes.get(blockNr);
        if (n == null) {
            return -1;
        }
        return n.leaf() ? 0 : heights.getOrDefault(blockNr, -1);
    }

    MetadataBlocks blocks() {
        return blocks;
    }

    int blockSizeBytes() {
        return blocks.blockSizeBytes();
    }

    long deviceBlocks() {
        return blocks.deviceBlocks();
    }

    /** The valid node at {@code blockNr}, or null. */
    ScannedNode node(long blockNr) {
        return nodes.get(blockNr);
    }

    NodeClass classOf(long blockNr) {
        return classes.get(blockNr);
    }

    /** Every valid node, by block. */
    Map<Long, ScannedNode> nodes() {
        return Collections.unmodifiableMap(nodes);
    }

    /** Valid superblock copies (block 0, QNAP backups, metadata snapshots) by block. */
    SortedMap<Long, ThinSuperblock> superblocks() {
        return Collections.unmodifiableSortedMap(superblocks);
    }

    /** Blocks holding a valid metadata space-map index block (the current one and older copies). */
    List<Long> indexBlocks() {
        return Collections.unmodifiableList(indexBlocks);
    }

    /** Blocks holding a valid space-map bitmap (of either space map, current or older). */
    List<Long> bitmapBlocks() {
        return Collections.unmodifiableList(bitmapBlocks);
    }

    /** Blocks with unreadable or doubtful bytes. */
    long unreadableBlocks() {
        return unreadableBlocks;
    }

    /** Why block {@code blockNr} holds no valid node, in the normal walk's words ("btree node checksum mismatch ..."). */
    String whyNotANode(long blockNr) {
        byte[] b = blocks.readQuietly(blockNr);
        if (b == null) {
            return "block " + blockNr + " cannot be read: " + blocks.whyUnreadable(blockNr);
        }
        return BTreeNode.parse(b, blockNr) instanceof BTreeNode.Problem p ? "block " + blockNr + ": " + p.text()
                : "block " + blockNr + " is a valid node of another kind";
    }

    /** The node's bytes parsed again (for its keys and values), or null when it is not a valid node. */
    BTreeNode read(long blockNr) {
        if (!nodes.containsKey(blockNr)) {
            return null;
        }
        byte[] b = blocks.readQuietly(blockNr);
        return b != null && BTreeNode.parse(b, blockNr) instanceof BTreeNode n ? n : null;
    }
}
