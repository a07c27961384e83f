package io.qrescue.recovery.stack;

import io.qrescue.recovery.source.Extent;
import io.qrescue.recovery.stack.lvm.MdaHeader;
import io.qrescue.recovery.stack.lvm.MetadataCopy;
import io.qrescue.recovery.stack.md.MdMember;
import io.qrescue.recovery.stack.md.MdSuperblock;
import io.qrescue.recovery.stack.partition.PartitionScheme;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Where the lower stack's metadata lies on the images, for retrying those areas first and for telling what an
 * unreadable range touches: partition tables, md superblocks with their bad-block logs, LVM labels, mda headers,
 * the committed metadata texts, DRBD tails and each thin pool's whole tmeta LV (the dm-thin readers refine it to
 * live blocks). Every RAID1 member's copy is listed.
 */
public final class MetadataRegions {

    private static final long SECTOR = 512;
    /** Protective MBR + GPT header + 128 entries of 128 bytes. */
    private static final long GPT_PRIMARY_BYTES = 34 * SECTOR;

    private MetadataRegions() {
    }

    /** The regions of {@code stack}, ordered by image and offset. */
    public static List<MetadataRegion> of(StorageStack stack) {
        List<MetadataRegion> out = new ArrayList<>();
        for (DiskNode d : stack.disks()) {
            if (d.table().scheme() == PartitionScheme.GPT) {
                out.add(new MetadataRegion(d.index(), "GPT primary", 0, Math.min(GPT_PRIMARY_BYTES, d.sizeBytes())));
                long backup = Math.max(0, d.sizeBytes() / SECTOR * SECTOR - 33 * SECTOR);
                out.add(new MetadataRegion(d.index(), "GPT backup", backup, d.sizeBytes() / SECTOR * SECTOR - backup));
            } else if (d.table().scheme() == PartitionScheme.MBR) {
                out.add(new MetadataRegion(d.index(), "MBR", 0, SECTOR));
            }
        }
        for (ArrayNode a : stack.arrays()) {
            String name = a.array().displayName();
            for (MdMember m : a.array().members()) {
                MdSuperblock sb = m.superblock();
                long sbAt = m.startBytes() + sb.offsetBytes();
                out.add(new MetadataRegion(m.imageIndex(), "md superblock " + name + " (" + m.label() + ")", sbAt, 4096));
                if (sb.bblogSize() > 0) {
                    long at = sbAt + (long) sb.bblogOffsetSectors() * SECTOR;
                    if (at >= m.startBytes() && at < m.startBytes() + m.sizeBytes()) {
                        out.add(new MetadataRegion(m.imageIndex(), "md bad-block log " + name, at, sb.bblogSize() * SECTOR));
                    }
                }
            }
            if (a.drbd().metadata() != null) {
                for (Placement p : a.placements()) {
                    at(out, p, "DRBD metadata " + name, a.drbd().metadata().offsetBytes(), 4096);
                }
            }
            if (a.pv() != null) {
                pvRegions(out, a.pv());
            }
        }
        stack.plainPvs().forEach(pv -> pvRegions(out, pv));
        for (PoolNode pool : stack.pools()) {
            if (pool.tmeta() == null) {
                continue;
            }
            for (Placement p : pool.tmeta().placements()) {
                for (Extent e : p.toImage().extents()) {
                    if (!e.isHole()) {
                        out.add(new MetadataRegion(p.imageIndex(), "tmeta " + pool.pool().name(), e.physicalStart(),
                                e.length()));
                    }
                }
            }
        }
        out.sort(Comparator.comparingInt(MetadataRegion::imageIndex).thenComparingLong(MetadataRegion::offsetBytes));
        return out;
    }

    private static void pvRegions(List<MetadataRegion> out, PvNode pv) {
        if (pv.scan().label() == null) {
            return;
        }
        for (Placement p : pv.placements()) {
            at(out, p, "LVM label " + pv.label(), pv.scan().label().labelSector() * SECTOR, SECTOR);
            for (MdaHeader h : pv.scan().mdaHeaders()) {
                at(out, p, "LVM mda header " + pv.label(), h.offsetBytes(), SECTOR);
            }
            for (MetadataCopy c : pv.scan().copies()) {
                if (c.committed()) {
                    at(out, p, "LVM metadata text " + c.vgName() + " seqno " + c.seqno(), c.textOffsetBytes(),
                            c.sizeBytes());
                }
            }
        }
    }

    /** Adds volume bytes {@code [offset, offset + length)} of a placement as image regions (split where the map splits). */
    private static void at(List<MetadataRegion> out, Placement p, String what, long offset, long length) {
        for (Extent e : p.toImage().lookup(offset, length)) {
            if (!e.isHole()) {
                out.add(new MetadataRegion(p.imageIndex(), what, e.physicalStart(), e.length()));
            }
        }
    }
}
