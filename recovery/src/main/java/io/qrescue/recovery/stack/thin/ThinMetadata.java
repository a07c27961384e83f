package io.qrescue.recovery.stack.thin;

import io.qrescue.recovery.source.Extent;
import io.qrescue.recovery.source.ExtentMap;
import io.qrescue.recovery.source.ImageSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A thin pool's metadata read from its tmeta LV's good bytes, upstream or QNAP layout: the superblock (or the
 * newest valid QNAP backup when it is damaged, see {@link SuperblockChoice}), device details, the two-level mapping
 * tree, the space maps, the Qtier pool mapping and the live metadata blocks with their roles. Reading never throws
 * on corruption: see {@link #findings()}; what could not be read is never silently missing: every range of a
 * mapping tree below a bad node is a {@link MappingDoubt}.
 */
public final class ThinMetadata {

    /** Receives one mapping of a thin device: virtual block, pool data block and the mapping's time stamp. */
    @FunctionalInterface
    public interface MappingVisitor {
        void mapping(long virtualBlock, long dataBlock, long time);
    }

    /** Upstream and QNAP keep at most this many superblock backups (QNAP only), in the last blocks. */
    static final int BACKUP_SLOTS = 128;
    /** QNAP kernel's tier block: 8192 sectors (4 MiB). */
    static final long DEFAULT_TIER_BLOCK_SECTORS = 8192;

    private final Findings findings;
    private final MetadataBlocks blocks;
    private final ThinSuperblock superblock;
    private final List<ThinSuperblock> backups;
    private final String superblockSource;
    private final String superblockDoubt;
    private final SortedMap<Long, DeviceDetails> details = new TreeMap<>();
    private final SortedMap<Long, Long> deviceRoots = new TreeMap<>();
    private final Map<Long, DeviceRuns> runsCache = new HashMap<>();
    /** Mapping doubts of the live trees, by device (virtual blocks). */
    private final Map<Long, List<MappingDoubt>> deviceDoubts = new HashMap<>();
    /** Bad pointers of the top-level mapping tree (device ids). */
    private final List<MappingDoubt> topLevelDoubts = new ArrayList<>();
    /** Bad pointers of the Qtier pool-mapping tree (pool tier blocks). */
    private final List<MappingDoubt> tierDoubts = new ArrayList<>();
    private SpaceMap dataSpaceMap;
    private SpaceMap metadataSpaceMap;
    private final List<SpaceMap> tierSpaceMaps = new ArrayList<>();
    private TierMap tierMap;
    private MetadataBlockMap liveBlocks;

    private ThinMetadata(Findings findings, MetadataBlocks blocks, Located located) {
        this.findings = findings;
        this.blocks = blocks;
        this.superblock = located == null ? null : located.superblock();
        this.backups = located == null ? List.of() : located.backups();
        this.superblockSource = located == null ? null : located.source();
        this.superblockDoubt = located == null ? null : located.doubt();
    }

    /**
     * Reads everything reachable from the superblock of {@code tmeta}, from its good bytes only; corruptions become
     * findings, and every range of a mapping tree that could not be read becomes a {@link MappingDoubt}.
     */
    public static ThinMetadata read(ImageSource tmeta) {
        Findings findings = new Findings();
        Located located = SuperblockChoice.locate(tmeta, findings);
        if (located == null) {
            ThinMetadata empty = new ThinMetadata(findings, new MetadataBlocks(tmeta, 4096, findings), null);
            empty.liveBlocks = MetadataBlockMap.builder().build();
            return empty;
        }
        MetadataBlocks blocks = new MetadataBlocks(tmeta, located.superblock().blockSizeBytes(), findings);
        ThinMetadata md = new ThinMetadata(findings, blocks, located);
        md.readAll();
        return md;
    }

    /**
     * The superblock to read and the valid backups seen: {@code source} says which copy it is ("block 0", "backup
     * at block 511 (backup_id 7)"), {@code doubt} why the mappings it leads to cannot be vouched for (null when
     * they can).
     */
    record Located(ThinSuperblock superblock, List<ThinSuperblock> backups, String source, String doubt) {
    }

    private void readAll() {
        MetadataBlockMap.Builder live = MetadataBlockMap.builder();
        BTreeWalk walk = new BTreeWalk(blocks, findings);
        live.reference(0);
        live.add(0, BlockRole.of(BlockKind.SUPERBLOCK));
        if (superblock.hasBackups()) {
            long n = blocks.deviceBlocks();
            for (int k = 1; k <= BACKUP_SLOTS && n - k > 0; k++) {
                live.reference(n - k);
                live.add(n - k, new BlockRole(BlockKind.SUPERBLOCK_BACKUP, BlockRole.NO_DEVICE, k, k + 1));
            }
        }
        walkTrees(superblock, walk, live, true);
        metadataSpaceMap = SpaceMap.readMetadata(superblock.metadataSpaceMap(), blocks, walk, findings, live);
        dataSpaceMap = SpaceMap.readDisk("data space map", superblock.dataSpaceMap(), BlockKind.DATA_SM_INDEX_NODE,
                BlockKind.DATA_SM_BITMAP, BlockKind.DATA_SM_REF_COUNT_NODE, BlockRole.NO_DEVICE, blocks, walk, findings,
                live);
        if (superblock.isQnap()) {
            SpaceMapRoot[] tiers = superblock.tierSpaceMaps();
            for (int t = 0; t < tiers.length; t++) {
                if (!tiers[t].isEmpty()) {
                    tierSpaceMaps.add(SpaceMap.readDisk("tier " + t + " space map", tiers[t],
                            BlockKind.TIER_SM_INDEX_NODE, BlockKind.TIER_SM_BITMAP, BlockKind.TIER_SM_REF_COUNT_NODE, t,
                            blocks, walk, findings, live));
                }
            }
            if (superblock.version() >= 4 && superblock.cloneRoot() != 0) {
                live.reference(superblock.cloneRoot());
                walk.walk("clone tree", superblock.cloneRoot(), BTreeWalk.ANY_VALUE_SIZE, BTreeWalk.of(
                        (node, from, to, depth) -> referenceChildren(live, node, live.add(node.blockNr(),
                                new BlockRole(BlockKind.CLONE_TREE_NODE, BlockRole.NO_DEVICE, from, to))),
                        bad -> addUnreadable(live, bad, BlockKind.CLONE_TREE_NODE, BlockRole.NO_DEVICE)));
            }
            if (superblock.isTiered()) {
                live.reference(superblock.poolMappingRoot());
                long tierSectors = superblock.tierBlockSizeSectors();
                if (tierSectors < 2048 || tierSectors > (1L << 22) || Long.bitCount(tierSectors) != 1) {
                    findings.add("thin superblock", 400, "implausible tier_block_size " + tierSectors
                            + " sectors; using the kernel's constant " + DEFAULT_TIER_BLOCK_SECTORS);
                    tierSectors = DEFAULT_TIER_BLOCK_SECTORS;
                }
                TierMap.Builder tb = TierMap.builder(tierSectors * 512);
                walk.walk("tier pool-mapping tree", superblock.poolMappingRoot(), 8, BTreeWalk.of((node, from, to,
                        depth) -> {
                    boolean first = live.add(node.blockNr(),
                            new BlockRole(BlockKind.TIER_MAPPING_NODE, BlockRole.NO_DEVICE, from, to));
                    referenceChildren(live, node, first);
                    if (node.isLeaf()) {
                        for (int i = 0; i < node.nrEntries(); i++) {
                            tb.add(node.key(i), node.valueU64(i));
                        }
                    }
                }, bad -> {
                    addUnreadable(live, bad, BlockKind.TIER_MAPPING_NODE, BlockRole.NO_DEVICE);
                    tierDoubts.add(new MappingDoubt(BlockRole.NO_DEVICE, bad.keyFrom(), bad.keyTo(), bad.blockNr(),
                            bad.cause()));
                }));
                tierMap = tb.build();
            }
        }
        if (superblock.heldRoot() != 0) {
            readHeldRoot(walk, live);
        }
        liveBlocks = live.build();
        doubtBlocksOfTwoKinds();
        crossCheckMetadataSpaceMap();
    }

    /**
     * A block reached as two kinds of node (a device's mapping node that is also the top-level leaf, a space-map
     * node...) is named by a wrong pointer, and which one is unknown: every mapping below it, as any device reaches
     * it, is in doubt (devices share mapping nodes; kinds never mix).
     */
    private void doubtBlocksOfTwoKinds() {
        for (Map.Entry<Long, List<BlockRole>> e : liveBlocks.all().entrySet()) {
            List<BlockRole> roles = e.getValue();
            if (roles.size() < 2 || roles.stream().map(r -> family(r.kind())).distinct().count() < 2) {
                continue;
            }
            long block = e.getKey();
            String kinds = roles.stream().map(r -> r.kind().toString()).distinct().toList().toString();
            findings.add("metadata block " + block, blocks.offsetOf(block), "reached as " + kinds + ": a pointer to it"
                    + " is wrong");
            String cause = "metadata block " + block + " is reached as " + kinds + ", so a pointer to it is wrong";
            for (BlockRole r : roles) {
                if (family(r.kind()) == BlockKind.DEVICE_LEAF) {
                    doubt(r.deviceId(), r.keyFrom(), r.keyTo(), block, cause);
                } else if (family(r.kind()) == BlockKind.TOP_LEVEL_LEAF) {
                    for (Long dev : deviceRoots.subMap(r.keyFrom(), r.keyTo()).keySet()) {
                        doubt(dev, 0, Long.MAX_VALUE, block, cause);
                    }
                }
            }
        }
    }

    /** Node kinds that may share a block: a device's leaves and internal nodes; the top-level tree's; each other. */
    private static BlockKind family(BlockKind kind) {
        return switch (kind) {
            case DEVICE_INTERNAL -> BlockKind.DEVICE_LEAF;
            case TOP_LEVEL_INTERNAL -> BlockKind.TOP_LEVEL_LEAF;
            default -> kind;
        };
    }

    /** A bad pointer whose block exists: live with the role its parent gives, its content unknown. */
    private static void addUnreadable(MetadataBlockMap.Builder live, BadNode bad, BlockKind kind, long device) {
        if (bad.isLiveBlock()) {
            live.addUnreadable(bad.blockNr(), new BlockRole(kind, device, bad.keyFrom(), bad.keyTo()));
        }
    }

    /** Virtual blocks {@code [from, to)} of device {@code dev} have unknown mappings; adjacent doubts merge. */
    private void doubt(long dev, long from, long to, long blockNr, String cause) {
        List<MappingDoubt> list = deviceDoubts.computeIfAbsent(dev, d -> new ArrayList<>());
        if (!list.isEmpty()) {
            MappingDoubt last = list.get(list.size() - 1);
            if (last.keyTo() == from && last.blockNr() == blockNr) {
                list.set(list.size() - 1, new MappingDoubt(dev, last.keyFrom(), to, blockNr, last.cause()));
                return;
            }
        }
        list.add(new MappingDoubt(dev, from, to, blockNr, cause));
    }

    private static void referenceChildren(MetadataBlockMap.Builder live, BTreeNode node, boolean first) {
        if (first && !node.isLeaf()) {
            for (int i = 0; i < node.nrEntries(); i++) {
                live.reference(node.valueU64(i));
            }
        }
    }

    /** Device details, the top-level tree and every device's mapping tree of {@code sb}. */
    private void walkTrees(ThinSuperblock sb, BTreeWalk walk, MetadataBlockMap.Builder live, boolean current) {
        live.reference(sb.deviceDetailsRoot());
        walk.walk("device-details tree", sb.deviceDetailsRoot(), BTreeWalk.ANY_VALUE_SIZE, BTreeWalk.of((node, from,
                to, depth) -> {
            boolean first = live.add(node.blockNr(),
                    new BlockRole(BlockKind.DEVICE_DETAILS_NODE, BlockRole.NO_DEVICE, from, to));
            referenceChildren(live, node, first);
            if (!node.isLeaf() || !current) {
                return;
            }
            for (int i = 0; i < node.nrEntries(); i++) {
                DeviceDetails d = DeviceDetails.parse(node.key(i), node.bytes(), node.valueOffset(i), node.valueSize());
                if (d == null) {
                    findings.add("device-details tree", blocks.offsetOf(node.blockNr()) + 24, "value_size "
                            + node.valueSize() + " is none of the known device record sizes 24, 32, 44");
                    return;
                }
                details.put(d.deviceId(), d);
            }
        }, bad -> addUnreadable(live, bad, BlockKind.DEVICE_DETAILS_NODE, BlockRole.NO_DEVICE)));
        SortedMap<Long, Long> roots = current ? deviceRoots : new TreeMap<>();
        live.reference(sb.dataMappingRoot());
        walk.walk("top-level mapping tree", sb.dataMappingRoot(), 8, BTreeWalk.of((node, from, to, depth) -> {
            boolean first = live.add(node.blockNr(), new BlockRole(node.isLeaf() ? BlockKind.TOP_LEVEL_LEAF
                    : BlockKind.TOP_LEVEL_INTERNAL, BlockRole.NO_DEVICE, from, to));
            referenceChildren(live, node, first);
            if (node.isLeaf()) {
                for (int i = 0; i < node.nrEntries(); i++) {
                    roots.put(node.key(i), node.valueU64(i));
                    if (first) {
                        live.reference(node.valueU64(i));
                    }
                }
            }
        }, bad -> {
            addUnreadable(live, bad, BlockKind.TOP_LEVEL_INTERNAL, BlockRole.NO_DEVICE);
            if (current) {
                topLevelDoubts.add(new MappingDoubt(BlockRole.NO_DEVICE, bad.keyFrom(), bad.keyTo(), bad.blockNr(),
                        bad.cause()));
            }
        }));
        long dataLimit = dataBlockLimit(sb);
        long virtualLimit = virtualBlockLimit(sb);
        for (Map.Entry<Long, Long> e : roots.entrySet()) {
            long dev = e.getKey();
            String structure = "mapping tree of device " + dev;
            // The device's runs are collected on this walk, so reading the volume later needs no second pass.
            DeviceRuns.Builder runs = DeviceRuns.builder(dev);
            walk.walk(structure, e.getValue(), 8, BTreeWalk.of((node, from, to, depth) -> {
                boolean first = live.add(node.blockNr(), new BlockRole(node.isLeaf() ? BlockKind.DEVICE_LEAF
                        : BlockKind.DEVICE_INTERNAL, dev, from, to));
                referenceChildren(live, node, first);
                if (node.isLeaf() && current) {
                    int nr = node.nrEntries();
                    for (int i = 0; i < nr; i++) {
                        long dataBlock = node.valueU64(i) >>> 24;
                        if (dataBlock < dataLimit && node.key(i) < virtualLimit) {
                            runs.add(node.key(i), dataBlock, 1);
                        } else if (dataBlock >= dataLimit && node.key(i) < virtualLimit) {
                            doubt(dev, node.key(i), node.key(i) + 1, node.blockNr(), structure + ": virtual block "
                                    + node.key(i) + " maps to data block " + dataBlock + ", beyond the pool's "
                                    + sb.dataSpaceMap().nrBlocks() + " data blocks");
                        }
                    }
                }
                if (node.isLeaf() && first) {
                    for (int i = 0; i < node.nrEntries(); i++) {
                        long dataBlock = node.valueU64(i) >>> 24;
                        if (dataBlock >= dataLimit) {
                            findings.add(structure, blocks.offsetOf(node.blockNr()) + node.valueOffset(i),
                                    "virtual block " + node.key(i) + " maps to data block " + dataBlock
                                            + ", beyond the pool's " + sb.dataSpaceMap().nrBlocks() + " data blocks");
                        } else if (node.key(i) >= virtualLimit) {
                            findings.add(structure, blocks.offsetOf(node.blockNr()) + BTreeNode.HEADER_BYTES + 8L * i,
                                    "virtual block " + node.key(i) + " lies beyond any addressable volume size");
                        }
                    }
                }
            }, bad -> {
                addUnreadable(live, bad, BlockKind.DEVICE_INTERNAL, dev);
                if (current) {
                    doubt(dev, bad.keyFrom(), bad.keyTo(), bad.blockNr(), bad.cause());
                }
            }));
            if (current) {
                runsCache.put(dev, runs.build());
            }
        }
        if (current) {
            for (Long dev : deviceRoots.keySet()) {
                if (!details.containsKey(dev)) {
                    findings.add("device-details tree", blocks.offsetOf(Math.max(0, sb.deviceDetailsRoot())),
                            "device " + dev + " has a mapping tree but no details record");
                }
            }
        }
    }

    private void readHeldRoot(BTreeWalk walk, MetadataBlockMap.Builder live) {
        long held = superblock.heldRoot();
        live.reference(held);
        live.add(held, BlockRole.of(BlockKind.HELD_SUPERBLOCK));
        byte[] b = blocks.read(held, "metadata snapshot superblock");
        if (b == null) {
            live.addUnreadable(held, BlockRole.of(BlockKind.HELD_SUPERBLOCK));
            return;
        }
        ThinSuperblock copy = ThinSuperblock.parse(b, held);
        if (!copy.checksumValid() || copy.magic() != ThinSuperblock.MAGIC || copy.storedBlockNr() != held) {
            findings.add("metadata snapshot superblock", blocks.offsetOf(held), "held_root " + held
                    + " is not a valid superblock copy");
            live.addUnreadable(held, BlockRole.of(BlockKind.HELD_SUPERBLOCK));
            return;
        }
        walkTrees(copy, walk, live, false);
    }

    private void crossCheckMetadataSpaceMap() {
        if (metadataSpaceMap == null) {
            return;
        }
        long[] reported = {0};
        metadataSpaceMap.forEachInUse((block, count) -> {
            if (!liveBlocks.isLive(block) && reported[0]++ < 1000) {
                findings.add("metadata space map", blocks.offsetOf(block), "block " + block + " is allocated (count "
                        + count + ") but nothing reachable points to it");
            }
        });
        for (Long block : liveBlocks.all().keySet()) {
            if (block >= metadataSpaceMap.nrBlocks()) {
                continue;
            }
            long count = metadataSpaceMap.refCount(block);
            if (count == 0) {
                findings.add("metadata space map", blocks.offsetOf(block), "live block " + block + " ("
                        + liveBlocks.rolesOf(block).get(0).kind() + ") is marked free");
            }
        }
    }

    /** Data blocks a mapping may name: the pool's, and never so many that a byte offset would overflow. */
    private static long dataBlockLimit(ThinSuperblock sb) {
        return Math.min(sb.dataSpaceMap().nrBlocks() < 0 ? Long.MAX_VALUE : sb.dataSpaceMap().nrBlocks(),
                virtualBlockLimit(sb));
    }

    private static long virtualBlockLimit(ThinSuperblock sb) {
        return Long.MAX_VALUE / 4 / Math.max(1, sb.dataBlockSizeBytes());
    }

    /** The superblock in use (primary, or the newest valid backup); null when none was found. */
    public ThinSuperblock superblock() {
        return superblock;
    }

    /**
     * Which copy the superblock in use is, for people: "block 0", "backup at block 511 (backup_id 7)" or "block 0,
     * unverified"; null without a superblock.
     */
    public String superblockSource() {
        return superblockSource;
    }

    /**
     * Why none of the pool's mappings can be vouched for (a superblock read unverified, or from a backup when a
     * newer backup may have existed), or null when the superblock in use is trusted.
     */
    public String superblockDoubt() {
        return superblockDoubt;
    }

    /**
     * The virtual blocks of device {@code deviceId} whose mappings are unknown, by first key (they may overlap): the
     * key range of every node of its tree that could not be read or failed its checks or is reached as another kind
     * of node too, single blocks mapped past the pool's data, and the whole device when its tree cannot be found
     * (top-level node unreadable, or no entry).
     * Empty for a device whose tree was read whole. (The superblock's own doubt is {@link #superblockDoubt()}.)
     */
    public List<MappingDoubt> mappingDoubts(long deviceId) {
        if (superblock == null) {
            return List.of(new MappingDoubt(deviceId, 0, Long.MAX_VALUE, 0, "the pool has no readable superblock"));
        }
        if (!deviceRoots.containsKey(deviceId)) {
            for (MappingDoubt top : topLevelDoubts) {
                if (deviceId >= top.keyFrom() && deviceId < top.keyTo()) {
                    return List.of(new MappingDoubt(deviceId, 0, Long.MAX_VALUE, top.blockNr(), top.cause()
                            + ": the mapping tree of device " + deviceId + " cannot be found"));
                }
            }
            return List.of(new MappingDoubt(deviceId, 0, Long.MAX_VALUE, superblock.dataMappingRoot(), "device "
                    + deviceId + " has no mapping tree in the pool metadata"));
        }
        List<MappingDoubt> out = new ArrayList<>(deviceDoubts.getOrDefault(deviceId, List.of()));
        out.sort(java.util.Comparator.comparingLong(MappingDoubt::keyFrom));
        return Collections.unmodifiableList(out);
    }

    /** The pool tier blocks whose Qtier placement is unknown (nodes of the pool-mapping tree that are bad). */
    public List<MappingDoubt> tierMapDoubts() {
        return Collections.unmodifiableList(tierDoubts);
    }

    /** True when a superblock was found; everything else is empty otherwise. */
    public boolean hasSuperblock() {
        return superblock != null;
    }

    /** Valid QNAP superblock backups found (any order). */
    public List<ThinSuperblock> backups() {
        return Collections.unmodifiableList(backups);
    }

    public int blockSizeBytes() {
        return blocks.blockSizeBytes();
    }

    /** Whole metadata blocks in the tmeta source. */
    public long deviceBlocks() {
        return blocks.deviceBlocks();
    }

    public long dataBlockSizeBytes() {
        return superblock == null ? 0 : superblock.dataBlockSizeBytes();
    }

    /** Every corruption found so far, in the order found. */
    public List<ThinFinding> findings() {
        return findings.snapshot();
    }

    /** Device records by device id. */
    public SortedMap<Long, DeviceDetails> deviceDetails() {
        return Collections.unmodifiableSortedMap(details);
    }

    /** Root block of each device's mapping tree, by device id (devices of the top-level mapping tree). */
    public SortedMap<Long, Long> deviceRoots() {
        return Collections.unmodifiableSortedMap(deviceRoots);
    }

    public SpaceMap dataSpaceMap() {
        return dataSpaceMap;
    }

    public SpaceMap metadataSpaceMap() {
        return metadataSpaceMap;
    }

    /** QNAP per-tier space maps present in the superblock (tier order). */
    public List<SpaceMap> tierSpaceMaps() {
        return Collections.unmodifiableList(tierSpaceMaps);
    }

    /** The Qtier pool mapping, or null for an untiered pool. */
    public TierMap tierMap() {
        return tierMap;
    }

    /** The live metadata blocks and their roles. */
    public MetadataBlockMap liveBlocks() {
        return liveBlocks;
    }

    /**
     * Visits each mapping of {@code deviceId} in ascending virtual order. Time stamps are the low 24 bits upstream,
     * the low 22 on QNAP (bits 22-23 are QNAP's "zeroed" marker). Unreadable subtrees are skipped (reported once,
     * when the metadata was read).
     */
    public void forEachMapping(long deviceId, MappingVisitor visitor) {
        Long root = deviceRoots.get(deviceId);
        if (root == null) {
            return;
        }
        long timeMask = superblock.isQnap() ? 0x3F_FFFFL : 0xFF_FFFFL;
        long dataLimit = dataBlockLimit(superblock);
        long virtualLimit = virtualBlockLimit(superblock);
        new BTreeWalk(blocks, new Findings()).walk("", root, 8, (node, from, to, depth) -> {
            if (!node.isLeaf()) {
                return;
            }
            int nr = node.nrEntries();
            for (int i = 0; i < nr; i++) {
                long v = node.valueU64(i);
                if ((v >>> 24) < dataLimit && node.key(i) < virtualLimit) {
                    visitor.mapping(node.key(i), v >>> 24, v & timeMask);
                }
            }
        });
    }

    /** The device's mappings as merged runs (cached). */
    public DeviceRuns runs(long deviceId) {
        return runsCache.computeIfAbsent(deviceId, dev -> {
            DeviceRuns.Builder b = DeviceRuns.builder(dev);
            forEachMapping(dev, b);
            return b.build();
        });
    }

    /**
     * Where each byte of thin device {@code deviceId} lies in the pool's data space (the tdata LV, or the pool
     * address space a {@link TierMap} translates further); unmapped blocks and blocks whose mapping is unknown
     * ({@link #mappingDoubts}) are holes. {@code volumeSizeBytes} is the thin LV's size from LVM; mappings past it
     * are not part of the volume ({@link #mappedEndBytes} tells whether there are any).
     */
    public ExtentMap poolDataMap(long deviceId, long volumeSizeBytes) {
        DeviceRuns runs = runs(deviceId);
        long bs = dataBlockSizeBytes();
        ExtentMap.Builder b = ExtentMap.builder();
        if (bs <= 0) {
            return b.build(Math.max(0, volumeSizeBytes));
        }
        for (int i = 0; i < runs.runCount(); i++) {
            long start = runs.virtualBlock(i) * bs;
            long len = runs.lengthBlocks(i) * bs;
            if (start >= volumeSizeBytes) {
                break;
            }
            b.add(new Extent(start, Math.min(len, volumeSizeBytes - start), runs.dataBlock(i) * bs));
        }
        return b.build(volumeSizeBytes);
    }

    /** {@link #poolDataMap(long, long)} sized to the device's last mapped block (when LVM's size is unknown). */
    public ExtentMap poolDataMap(long deviceId) {
        return poolDataMap(deviceId, mappedEndBytes(deviceId));
    }

    /** One past the device's last mapped byte (0 when nothing is mapped). */
    public long mappedEndBytes(long deviceId) {
        return runs(deviceId).endBlock() * dataBlockSizeBytes();
    }
}
