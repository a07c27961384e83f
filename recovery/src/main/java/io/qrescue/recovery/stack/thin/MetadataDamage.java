package io.qrescue.recovery.stack.thin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What unreadable metadata costs: for bad tmeta byte ranges, every metadata block they hit with each of its roles
 * and what is lost (volume ranges for mapping nodes, whole volumes for top-level nodes and for a superblock without
 * a surviving backup, only accounting for space-map and details blocks, nothing for unused blocks). Pure over the
 * metadata read before the damage was known (the readable parts).
 */
public final class MetadataDamage {

    private final ThinMetadata md;
    private DataReverseMap reverse;

    public MetadataDamage(ThinMetadata md) {
        this.md = md;
    }

    /**
     * Losses for all {@code bad} ranges, ordered by block; a block hit by several ranges is reported once. A run
     * of unused blocks is one {@link BlockKind#UNUSED} loss whose role covers the run.
     */
    public List<MetadataLoss> assess(List<TmetaRange> bad) {
        int bs = md.blockSizeBytes();
        java.util.TreeMap<Long, Long> blockRanges = new java.util.TreeMap<>();
        for (TmetaRange r : bad) {
            if (r.lengthBytes() <= 0 || r.offsetBytes() < 0) {
                continue;
            }
            long first = r.offsetBytes() / bs;
            long end = Math.min(md.deviceBlocks(), (r.endBytes() - 1) / bs + 1);
            if (first < end) {
                blockRanges.merge(first, end, Math::max);
            }
        }
        List<MetadataLoss> out = new ArrayList<>();
        long done = 0;
        for (Map.Entry<Long, Long> e : blockRanges.entrySet()) {
            long from = Math.max(done, e.getKey());
            long to = e.getValue();
            if (from >= to) {
                continue;
            }
            long cursor = from;
            for (Map.Entry<Long, List<BlockRole>> live : md.liveBlocks().liveIn(from, to).entrySet()) {
                long b = live.getKey();
                if (b > cursor) {
                    out.add(unused(cursor, b, bs));
                }
                for (BlockRole role : live.getValue()) {
                    out.add(md.liveBlocks().isUnreadable(b) ? unreadableLoss(b, b * bs, role) : lossOf(b, b * bs, role, bad));
                }
                cursor = b + 1;
            }
            if (cursor < to) {
                out.add(unused(cursor, to, bs));
            }
            done = to;
        }
        return out;
    }

    /**
     * Losses of every live block that was already unreadable (or invalid) when the metadata was read, whether or not
     * a bad range covers it: what below it is lost is unknown, so the whole key range its parent gives is lost.
     */
    public List<MetadataLoss> assessUnreadable() {
        int bs = md.blockSizeBytes();
        List<MetadataLoss> out = new ArrayList<>();
        for (long b : md.liveBlocks().unreadableBlocks()) {
            for (BlockRole role : md.liveBlocks().rolesOf(b)) {
                out.add(unreadableLoss(b, b * bs, role));
            }
        }
        return out;
    }

    /** A live block whose content is unknown: below it nothing was read, so its whole key range is lost. */
    private MetadataLoss unreadableLoss(long block, long offset, BlockRole role) {
        long dbs = Math.max(1, md.dataBlockSizeBytes());
        // Past this block a byte offset would overflow; no volume is that large.
        long endLimit = Long.MAX_VALUE / 4 / dbs;
        switch (role.kind()) {
            case DEVICE_INTERNAL:
            case DEVICE_LEAF: {
                long to = Math.min(role.keyTo(), endLimit);
                boolean root = role.keyFrom() == 0 && role.keyTo() == Long.MAX_VALUE;
                DeviceDetails d = md.deviceDetails().get(role.deviceId());
                long mapped = root && d != null ? d.mappedBlocks() : 0;
                List<VolumeRange> lost = to > role.keyFrom()
                        ? List.of(new VolumeRange(role.deviceId(), role.keyFrom() * dbs, (to - role.keyFrom()) * dbs))
                        : List.of();
                String what = root ? "mapping tree root of device " + role.deviceId() + " unreadable: every mapping"
                        + " of the device is unknown" : "mapping node of device " + role.deviceId() + " unreadable: "
                        + "mappings of virtual blocks " + range(role) + " are unknown";
                return new MetadataLoss(block, offset, role, what, lost, mapped, true);
            }
            case TOP_LEVEL_INTERNAL:
            case TOP_LEVEL_LEAF: {
                List<VolumeRange> lost = new ArrayList<>();
                long mapped = 0;
                for (DeviceDetails d : md.deviceDetails().subMap(role.keyFrom(), role.keyTo()).values()) {
                    lost.add(new VolumeRange(d.deviceId(), 0, endLimit * dbs));
                    mapped += Math.max(0, d.mappedBlocks());
                }
                return new MetadataLoss(block, offset, role, "top-level mapping node unreadable: the mapping trees"
                        + " of devices " + range(role) + " cannot be found", lost, mapped, true);
            }
            case SUPERBLOCK_BACKUP:
            case HELD_SUPERBLOCK:
                return new MetadataLoss(block, offset, role, lossOf(block, offset, role, List.of()).effect()
                        + " (already unreadable)", List.of(), 0);
            case TIER_MAPPING_NODE:
                return new MetadataLoss(block, offset, role, "Qtier pool-mapping node unreadable: pool tier blocks "
                        + range(role) + " cannot be placed in a tier LV (which volumes use them is unknown)",
                        List.of(), 0);
            default:
                return new MetadataLoss(block, offset, role, accounting(role) + " (already unreadable)", List.of(), 0);
        }
    }

    private static MetadataLoss unused(long from, long to, int bs) {
        return new MetadataLoss(from, from * bs, new BlockRole(BlockKind.UNUSED, BlockRole.NO_DEVICE, from, to),
                "unused metadata blocks " + from + ".." + to + " (free; at most older copies of nodes)", List.of(), 0);
    }

    private MetadataLoss lossOf(long block, long offset, BlockRole role, List<TmetaRange> bad) {
        long dbs = md.dataBlockSizeBytes();
        switch (role.kind()) {
            case SUPERBLOCK: {
                for (ThinSuperblock backup : md.backups()) {
                    long off = backup.blockNr() * (long) md.blockSizeBytes();
                    if (bad.stream().noneMatch(r -> r.covers(off, md.blockSizeBytes()))) {
                        return new MetadataLoss(block, offset, role, "thin superblock lost; backup at block "
                                + backup.blockNr() + " (backup_id " + backup.backupId() + ") survives", List.of(), 0);
                    }
                }
                List<VolumeRange> all = new ArrayList<>();
                long mapped = 0;
                for (long dev : md.deviceRoots().keySet()) {
                    DeviceRuns runs = md.runs(dev);
                    if (runs.endBlock() > 0) {
                        all.add(new VolumeRange(dev, 0, runs.endBlock() * dbs));
                    }
                    mapped += runs.mappedBlocks();
                }
                return new MetadataLoss(block, offset, role, "thin superblock lost and no backup survives: every "
                        + "tree root of the pool is lost", all, mapped);
            }
            case SUPERBLOCK_BACKUP:
                return new MetadataLoss(block, offset, role, "superblock backup slot " + role.keyFrom()
                        + " (nothing lost while the superblock is readable)", List.of(), 0);
            case HELD_SUPERBLOCK:
                return new MetadataLoss(block, offset, role, "metadata snapshot superblock (live mappings unaffected)",
                        List.of(), 0);
            case TOP_LEVEL_INTERNAL:
            case TOP_LEVEL_LEAF: {
                List<VolumeRange> lost = new ArrayList<>();
                long mapped = 0;
                for (Map.Entry<Long, Long> e : md.deviceRoots().subMap(role.keyFrom(), role.keyTo()).entrySet()) {
                    DeviceRuns runs = md.runs(e.getKey());
                    if (runs.endBlock() > 0) {
                        lost.add(new VolumeRange(e.getKey(), 0, runs.endBlock() * dbs));
                    }
                    mapped += runs.mappedBlocks();
                }
                return new MetadataLoss(block, offset, role, "top-level mapping node: every mapping of devices "
                        + range(role) + " is lost", lost, mapped);
            }
            case DEVICE_INTERNAL:
            case DEVICE_LEAF: {
                DeviceRuns runs = md.runs(role.deviceId());
                long to = Math.min(role.keyTo(), Math.max(runs.endBlock(), role.keyFrom()));
                long mapped = runs.mappedBlocksIn(role.keyFrom(), to);
                List<VolumeRange> lost = to > role.keyFrom()
                        ? List.of(new VolumeRange(role.deviceId(), role.keyFrom() * dbs, (to - role.keyFrom()) * dbs))
                        : List.of();
                return new MetadataLoss(block, offset, role, (role.kind() == BlockKind.DEVICE_LEAF ? "leaf" : "internal")
                        + " node of device " + role.deviceId() + ": virtual blocks " + role.keyFrom() + ".." + to
                        + " (" + mapped + " mapped) are lost", lost, mapped);
            }
            case DEVICE_DETAILS_NODE:
                return new MetadataLoss(block, offset, role, "device-details node: records of devices " + range(role)
                        + " (mapped count, times) lost; their mappings stay readable", List.of(), 0);
            case TIER_MAPPING_NODE: {
                TierMap tiers = md.tierMap();
                long tbs = tiers == null ? 0 : tiers.tierBlockSizeBytes();
                long poolEnd = tbs == 0 ? 0 : (md.dataSpaceMap().nrBlocks() * dbs + tbs - 1) / tbs;
                long to = Math.min(role.keyTo(), poolEnd);
                List<VolumeRange> lost = to > role.keyFrom()
                        ? reverse().volumesAt(role.keyFrom() * tbs, (to - role.keyFrom()) * tbs) : List.of();
                long mapped = lost.stream().mapToLong(VolumeRange::lengthBytes).sum() / Math.max(1, dbs);
                return new MetadataLoss(block, offset, role, "Qtier pool-mapping node: pool tier blocks " + range(role)
                        + " cannot be placed in a tier LV", lost, mapped);
            }
            default:
                return new MetadataLoss(block, offset, role, accounting(role), List.of(), 0);
        }
    }

    private static String accounting(BlockRole role) {
        String what = switch (role.kind()) {
            case METADATA_SM_INDEX -> "metadata space-map index: allocation of every metadata block";
            case METADATA_SM_BITMAP -> "metadata space-map bitmap: reference counts of metadata blocks";
            case METADATA_SM_REF_COUNT_NODE -> "metadata ref-count tree node: counts above 2 of metadata blocks";
            case DATA_SM_INDEX_NODE -> "data space-map index node: reference counts of data blocks";
            case DATA_SM_BITMAP -> "data space-map bitmap: reference counts of data blocks";
            case DATA_SM_REF_COUNT_NODE -> "data ref-count tree node: counts above 2 of data blocks";
            case TIER_SM_INDEX_NODE, TIER_SM_BITMAP, TIER_SM_REF_COUNT_NODE -> "tier " + role.deviceId()
                    + " space map: reference counts of tier blocks";
            case CLONE_TREE_NODE -> "clone tree node: clone counts of data blocks";
            default -> role.kind().toString();
        };
        return what + " " + range(role) + " lost; mappings stay readable";
    }

    private static String range(BlockRole role) {
        return role.keyFrom() + ".." + (role.keyTo() == Long.MAX_VALUE ? "end" : Long.toString(role.keyTo()));
    }

    /** Volume ranges backed by pool data bytes {@code [offsetBytes, +lengthBytes)} (the tdata LV for an untiered pool). */
    public List<VolumeRange> volumesAtData(long offsetBytes, long lengthBytes) {
        return reverse().volumesAt(offsetBytes, lengthBytes);
    }

    /** Volume ranges backed by bytes of tier LV {@code tier} (Qtier pools), through the tier table and bypass. */
    public List<VolumeRange> volumesAtTier(int tier, long offsetBytes, long lengthBytes, int bypassTier) {
        List<VolumeRange> out = new ArrayList<>();
        TierMap tiers = md.tierMap();
        if (tiers == null) {
            return tier == bypassTier ? volumesAtData(offsetBytes, lengthBytes) : out;
        }
        for (long[] pool : tiers.toPool(tier, offsetBytes, lengthBytes, bypassTier)) {
            out.addAll(reverse().volumesAt(pool[0], pool[1]));
        }
        return out;
    }

    private DataReverseMap reverse() {
        if (reverse == null) {
            reverse = DataReverseMap.of(md);
        }
        return reverse;
    }
}
