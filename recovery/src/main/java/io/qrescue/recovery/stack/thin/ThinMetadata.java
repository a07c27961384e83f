package io.qrescue.recovery.stack.thin;

import io.qrescue.recovery.source.Extent;
import io.qrescue.recovery.source.ExtentMap;
import io.qrescue.recovery.source.ImageSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A thin pool's metadata read from its tmeta LV, upstream or QNAP layout: the superblock (or the newest valid QNAP
 * backup when it is damaged), device details, the two-level mapping tree, the space maps, the Qtier pool mapping
 * and the live metadata blocks with their roles. Reading never throws on corruption: see {@link #findings()}.
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
    private static final long[] HISTORICAL_LIMITS_8K = {2_072_576L, 16_711_680L};
    private static final long[] HISTORICAL_LIMITS_4K = {4_145_152L};

    private final Findings findings;
    private final MetadataBlocks blocks;
    private final ThinSuperblock superblock;
    private final List<ThinSuperblock> backups;
    private final SortedMap<Long, DeviceDetails> details = new TreeMap<>();
    private final SortedMap<Long, Long> deviceRoots = new TreeMap<>();
    private final Map<Long, DeviceRuns> runsCache = new HashMap<>();
    private SpaceMap dataSpaceMap;
    private SpaceMap metadataSpaceMap;
    private final List<SpaceMap> tierSpaceMaps = new ArrayList<>();
    private TierMap tierMap;
    private MetadataBlockMap liveBlocks;

    private ThinMetadata(Findings findings, MetadataBlocks blocks, ThinSuperblock superblock, List<ThinSuperblock> backups) {
        this.findings = findings;
        this.blocks = blocks;
        this.superblock = superblock;
        this.backups = backups;
    }

    /** Reads everything reachable from the superblock of {@code tmeta}; corruptions become findings. */
    public static ThinMetadata read(ImageSource tmeta) {
        Findings findings = new Findings();
        Located located = locate(tmeta, findings);
        if (located == null) {
            ThinMetadata empty = new ThinMetadata(findings, new MetadataBlocks(tmeta, 4096, findings), null, List.of());
            empty.liveBlocks = MetadataBlockMap.builder().build();
            return empty;
        }
        MetadataBlocks blocks = new MetadataBlocks(tmeta, located.superblock.blockSizeBytes(), findings);
        ThinMetadata md = new ThinMetadata(findings, blocks, located.superblock, located.backups);
        md.readAll();
        return md;
    }

    private record Located(ThinSuperblock superblock, List<ThinSuperblock> backups) {
    }

    /** QNAP rule: try 8 KiB blocks, then 4 KiB; take the size whose superblock checksum matches. */
    private static Located locate(ImageSource source, Findings findings) {
        for (int bs : new int[] {8192, 4096}) {
            byte[] b = readRaw(source, 0, bs);
            if (b != null && MetadataChecksum.matches(b, MetadataChecksum.SUPERBLOCK_SALT)) {
                ThinSuperblock sb = ThinSuperblock.parse(b, 0);
                List<ThinSuperblock> backups = sb.hasBackups() ? scanBackups(source, bs) : List.of();
                if (sb.hasBackups()) {
                    reportDamagedBackupSlots(source, bs, backups, findings);
                }
                sb.validate(findings, source.size() / bs);
                return new Located(sb, backups);
            }
        }
        ThinSuperblock best = null;
        List<ThinSuperblock> bestList = List.of();
        for (int bs : new int[] {8192, 4096}) {
            List<ThinSuperblock> found = scanBackups(source, bs);
            for (ThinSuperblock sb : found) {
                if (best == null || Long.compareUnsigned(sb.backupId(), best.backupId()) > 0) {
                    best = sb;
                    bestList = found;
                }
            }
        }
        byte[] first = readRaw(source, 0, 4096);
        if (best != null) {
            findings.add("thin superblock", 0, "checksum matches neither 8192- nor 4096-byte blocks; using the newest "
                    + "backup at block " + best.blockNr() + " (backup_id " + best.backupId() + ")");
            best.validate(findings, source.size() / best.blockSizeBytes());
            return new Located(best, bestList);
        }
        if (first != null && Le.u64(first, 32) == ThinSuperblock.MAGIC) {
            long declared = Le.u32AsLong(first, 340);
            int bs = declared == 16 && source.size() >= 8192 ? 8192 : 4096;
            ThinSuperblock sb = ThinSuperblock.parse(bs == 4096 ? first : readRaw(source, 0, bs), 0);
            findings.add("thin superblock", 0, "checksum matches neither 8192- nor 4096-byte blocks and no backup "
                    + "is valid; reading it unverified with " + bs + "-byte blocks");
            sb.validate(findings, source.size() / bs);
            return new Located(sb, List.of());
        }
        findings.add("thin superblock", 0, "no thin-pool superblock (bad checksum and magic) and no valid backup");
        return null;
    }

    /** Valid QNAP superblock copies in the last 128 blocks (and below the historical size limits). */
    private static List<ThinSuperblock> scanBackups(ImageSource source, int bs) {
        long n = source.size() / bs;
        List<Long> ends = new ArrayList<>();
        ends.add(n);
        for (long limit : bs == 8192 ? HISTORICAL_LIMITS_8K : HISTORICAL_LIMITS_4K) {
            if (n > limit) {
                ends.add(limit);
            }
        }
        List<ThinSuperblock> out = new ArrayList<>();
        for (long end : ends) {
            for (int k = 1; k <= BACKUP_SLOTS && end - k > 0; k++) {
                long loc = end - k;
                byte[] b = readRaw(source, loc * bs, bs);
                if (b != null && MetadataChecksum.matches(b, MetadataChecksum.SUPERBLOCK_SALT)) {
                    ThinSuperblock sb = ThinSuperblock.parse(b, loc);
                    if (sb.looksValid() && sb.metadataBlockSizeSectors() * 512 == bs) {
                        out.add(sb);
                    }
                }
            }
        }
        return out;
    }

    /** Backup slots that hold something (not all zeros) that is not a valid superblock copy. */
    private static void reportDamagedBackupSlots(ImageSource source, int bs, List<ThinSuperblock> valid,
            Findings findings) {
        long n = source.size() / bs;
        for (int k = 1; k <= BACKUP_SLOTS && n - k > 0; k++) {
            long loc = n - k;
            if (valid.stream().anyMatch(v -> v.blockNr() == loc)) {
                continue;
            }
            byte[] b = readRaw(source, loc * bs, bs);
            if (b == null) {
                findings.add("thin superblock backup slot " + k, loc * bs, "cannot be read");
            } else if (!isZero(b)) {
                findings.add("thin superblock backup slot " + k, loc * bs, "holds data that is not a valid superblock "
                        + "copy (checksum, magic or block number)");
            }
        }
    }

    private static boolean isZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    private static byte[] readRaw(ImageSource source, long offset, int length) {
        byte[] b = new byte[length];
        try {
            return source.read(offset, ByteBuffer.wrap(b)) == length ? b : null;
        } catch (IOException e) {
            return null;
        }
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
                        (block, from, to, depth) -> live.addUnreadable(block,
                                new BlockRole(BlockKind.CLONE_TREE_NODE, BlockRole.NO_DEVICE, from, to))));
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
                }, (block, from, to, depth) -> live.addUnreadable(block,
                        new BlockRole(BlockKind.TIER_MAPPING_NODE, BlockRole.NO_DEVICE, from, to))));
                tierMap = tb.build();
            }
        }
        if (superblock.heldRoot() != 0) {
            readHeldRoot(walk, live);
        }
        liveBlocks = live.build();
        crossCheckMetadataSpaceMap();
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
        }, (block, from, to, depth) -> live.addUnreadable(block,
                new BlockRole(BlockKind.DEVICE_DETAILS_NODE, BlockRole.NO_DEVICE, from, to))));
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
        }, (block, from, to, depth) -> live.addUnreadable(block,
                new BlockRole(BlockKind.TOP_LEVEL_INTERNAL, BlockRole.NO_DEVICE, from, to))));
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
            }, (block, from, to, depth) -> live.addUnreadable(block,
                    new BlockRole(BlockKind.DEVICE_INTERNAL, dev, from, to))));
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
     * address space a {@link TierMap} translates further); unmapped blocks are holes. {@code volumeSizeBytes} is the
     * thin LV's size from LVM; mappings past it are dropped with a finding.
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
                findings.add("mapping tree of device " + deviceId, blocks.offsetOf(deviceRoots.get(deviceId)),
                        "mappings from virtual block "
                        + runs.virtualBlock(i) + " lie past the volume size " + volumeSizeBytes);
                break;
            }
            b.add(new Extent(start, Math.min(len, volumeSizeBytes - start), runs.dataBlock(i) * bs));
        }
        return b.build(volumeSizeBytes);
    }

    /** {@link #poolDataMap(long, long)} sized to the device's last mapped block (when LVM's size is unknown). */
    public ExtentMap poolDataMap(long deviceId) {
        return poolDataMap(deviceId, runs(deviceId).endBlock() * dataBlockSizeBytes());
    }
}
