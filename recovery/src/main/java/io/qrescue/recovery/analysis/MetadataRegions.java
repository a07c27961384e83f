package io.qrescue.recovery.analysis;

import io.qrescue.recovery.source.Extent;
import io.qrescue.recovery.source.ExtentMap;
import io.qrescue.recovery.stack.ArrayNode;
import io.qrescue.recovery.stack.DiskNode;
import io.qrescue.recovery.stack.Placement;
import io.qrescue.recovery.stack.PvNode;
import io.qrescue.recovery.stack.luks.HeaderArea;
import io.qrescue.recovery.stack.lvm.DiskArea;
import io.qrescue.recovery.stack.lvm.MdaHeader;
import io.qrescue.recovery.stack.lvm.MetadataCopy;
import io.qrescue.recovery.stack.md.MdArraySource;
import io.qrescue.recovery.stack.md.MdMember;
import io.qrescue.recovery.stack.md.MemberUse;
import io.qrescue.recovery.stack.md.MdSuperblock;
import io.qrescue.recovery.stack.md.MdVersion;
import io.qrescue.recovery.stack.partition.PartitionScheme;
import io.qrescue.recovery.stack.thin.BlockRole;
import io.qrescue.recovery.stack.thin.ThinMetadata;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Every metadata region of an analysed stack on the images, in image then offset order. */
public final class MetadataRegions {

    /** GPT: protective MBR, header and 32 sectors of 128-byte entries (the layout every tool writes). */
    private static final long PRIMARY_GPT_BYTES = 34 * 512L;
    private static final long BACKUP_GPT_BYTES = 33 * 512L;
    private static final int MD_SUPERBLOCK_BYTES = 4096;

    private MetadataRegions() {
    }

    /** The metadata regions of {@code analysis}; the thin metadata as its live blocks (whole tmeta if unreadable). */
    public static List<MetadataRegion> of(StackAnalysis analysis) {
        List<MetadataRegion> out = new ArrayList<>();
        for (DiskNode d : analysis.stack().disks()) {
            partitionTables(d, out);
        }
        for (ArrayNode a : analysis.stack().arrays()) {
            md(a, out);
            if (a.drbd().metadata() != null) {
                Placement pl = Placement.onArray(a.source(), ExtentMap.linear(a.source().size()));
                add(out, pl, a.drbd().metadata().offsetBytes(), 4096, "drbd-metadata", "DRBD metadata of "
                        + a.array().displayName(), "drbd " + a.array().uuid());
            }
            if (a.pv() != null) {
                pv(a.pv(), out);
            }
        }
        analysis.stack().plainPvs().forEach(pv -> pv(pv, out));
        for (PoolAnalysis p : analysis.pools()) {
            thin(p, out);
        }
        luks(analysis, out);
        out.sort(Comparator.comparingInt(MetadataRegion::imageIndex).thenComparingLong(MetadataRegion::offsetBytes));
        return out;
    }

    private static void partitionTables(DiskNode d, List<MetadataRegion> out) {
        String group = "partition table of " + d.name();
        if (d.table().scheme() == PartitionScheme.GPT) {
            out.add(new MetadataRegion(d.index(), 0, Math.min(PRIMARY_GPT_BYTES, d.sizeBytes()), "partition-table",
                    "protective MBR and primary GPT of " + d.name(), group));
            if (d.sizeBytes() > PRIMARY_GPT_BYTES + BACKUP_GPT_BYTES) {
                out.add(new MetadataRegion(d.index(), d.sizeBytes() - BACKUP_GPT_BYTES, BACKUP_GPT_BYTES,
                        "partition-table", "backup GPT of " + d.name(), group));
            }
        } else if (d.table().scheme() == PartitionScheme.MBR) {
            out.add(new MetadataRegion(d.index(), 0, 512, "partition-table", "MBR of " + d.name(), group));
        }
    }

    private static void md(ArrayNode a, List<MetadataRegion> out) {
        String name = a.array().displayName();
        for (MdMember m : a.array().members()) {
            MdSuperblock sb = m.superblock();
            long sbAt = m.startBytes() + sb.offsetBytes();
            long size = Math.min(MD_SUPERBLOCK_BYTES, Math.max(512, m.startBytes() + m.sizeBytes() - sbAt));
            out.add(new MetadataRegion(m.imageIndex(), sbAt, size, "md-superblock", "md superblock "
                    + sb.version().text() + " of " + name + " on " + m.label(), "md superblock " + a.array().uuid()));
            if (sb.version() != MdVersion.V0_90 && sb.bblogSize() > 0 && sb.bblogOffsetSectors() != 0) {
                out.add(new MetadataRegion(m.imageIndex(), sbAt + sb.bblogOffsetSectors() * 512L,
                        sb.bblogSize() * 512L, "md-bad-block-log", "md bad-block log of " + name + " on " + m.label(),
                        "md bblog " + m.label()));
            }
            if (sb.version() != MdVersion.V0_90 && (sb.featureMap() & MdSuperblock.FEATURE_BITMAP) != 0) {
                out.add(new MetadataRegion(m.imageIndex(), sbAt + sb.bitmapOffsetSectors() * 512L, 4096,
                        "md-bitmap", "md write-intent bitmap of " + name + " on " + m.label(), "md bitmap "
                        + a.array().uuid()));
            }
        }
    }

    private static void pv(PvNode pv, List<MetadataRegion> out) {
        if (pv.scan().label() == null) {
            return;
        }
        String uuid = pv.uuid();
        MetadataCopy newest = pv.scan().newestCommitted();
        String vgGroup = "lvm metadata " + (newest != null && newest.vgName() != null ? newest.vgName() : uuid);
        for (Placement pl : pv.placements()) {
            add(out, pl, pv.scan().label().labelSector() * 512, 512, "lvm-label", "LVM label and pv_header of PV "
                    + pv.label(), "lvm label " + uuid);
            List<DiskArea> mdas = pv.scan().label().metadataAreas();
            for (int i = 0; i < mdas.size(); i++) {
                DiskArea area = mdas.get(i);
                long areaSize = area.sizeBytes() > 0 ? area.sizeBytes() : Math.max(0, pv.sizeBytes() - area.offsetBytes());
                String where = "metadata area " + (i + 1) + " of PV " + pv.label();
                add(out, pl, area.offsetBytes(), Math.min(512, areaSize), "lvm-mda-header", "mda header of " + where,
                        vgGroup + " mda header");
                long textStart = -1;
                long textSize = 0;
                for (MetadataCopy c : pv.scan().copies()) {
                    if (c.committed() && c.mdaIndex() == i) {
                        textStart = c.textOffsetBytes();
                        textSize = c.sizeBytes();
                    }
                }
                MdaHeader header = headerAt(pv.scan().mdaHeaders(), area.offsetBytes());
                if (textStart < 0 && header != null && header.checksumOk() && !header.rawLocations().isEmpty()
                        && !header.rawLocations().get(0).ignored()) {
                    // the text itself could not be read: its place is the mda header's raw_locn 0 (offset in the area)
                    textStart = area.offsetBytes() + header.rawLocations().get(0).offsetBytes();
                    textSize = header.rawLocations().get(0).sizeBytes();
                }
                long areaEnd = area.offsetBytes() + areaSize;
                if (textStart >= area.offsetBytes() + 512 && textSize > 0) {
                    long textEnd = Math.min(areaEnd, textStart + textSize);
                    add(out, pl, area.offsetBytes() + 512, textStart - area.offsetBytes() - 512, "lvm-metadata-area",
                            "older metadata generations in " + where, "lvm old " + uuid + " " + i);
                    add(out, pl, textStart, textEnd - textStart, "lvm-metadata-text", "committed VG metadata text in "
                            + where, vgGroup);
                    add(out, pl, textEnd, areaEnd - textEnd, "lvm-metadata-area", "older metadata generations in "
                            + where, "lvm old " + uuid + " " + i);
                } else if (header == null || !header.checksumOk()) {
                    // without its header no one knows where the committed text lies: the buffer may hold it
                    add(out, pl, area.offsetBytes() + 512, areaSize - 512, "lvm-metadata-text", "metadata buffer of "
                            + where + " (where the committed text lies is unknown: its mda header was not read)",
                            vgGroup);
                } else {
                    add(out, pl, area.offsetBytes() + 512, areaSize - 512, "lvm-metadata-area", "metadata buffer of "
                            + where, "lvm old " + uuid + " " + i);
                }
            }
        }
    }

    /** The mda header read at PV byte {@code offset}, or null. */
    private static MdaHeader headerAt(List<MdaHeader> headers, long offset) {
        return headers.stream().filter(h -> h.offsetBytes() == offset).findFirst().orElse(null);
    }

    private static void thin(PoolAnalysis p, List<MetadataRegion> out) {
        if (p.node().tmeta() == null) {
            return;
        }
        String what = "thin metadata of pool " + p.name();
        ThinMetadata md = p.metadata();
        for (Placement pl : p.node().tmeta().placements()) {
            if (md == null || !md.hasSuperblock()) {
                add(out, pl, 0, p.node().tmeta().sizeBytes(), "thin-metadata", what + " (whole tmeta: unreadable)",
                        "thin " + p.name());
                continue;
            }
            long bs = md.blockSizeBytes();
            long runStart = -1;
            long runEnd = -1;
            for (Map.Entry<Long, List<BlockRole>> e : md.liveBlocks().all().entrySet()) {
                long b = e.getKey();
                if (b == runEnd) {
                    runEnd++;
                    continue;
                }
                if (runStart >= 0) {
                    add(out, pl, runStart * bs, (runEnd - runStart) * bs, "thin-metadata", what, "thin " + p.name());
                }
                runStart = b;
                runEnd = b + 1;
            }
            if (runStart >= 0) {
                add(out, pl, runStart * bs, (runEnd - runStart) * bs, "thin-metadata", what, "thin " + p.name());
            }
        }
    }

    /**
     * The LUKS header copies and the active key slots' key material of each encrypted volume, on every placement:
     * both LUKS2 header copies are one copy group; each key slot is its own (another slot opens only with its own
     * passphrase).
     */
    private static void luks(StackAnalysis analysis, List<MetadataRegion> out) {
        analysis.luks().forEach((name, probe) -> {
            AnalyzedVolume v = analysis.volume(name);
            if (probe.header() == null || v == null) {
                return;
            }
            for (HeaderArea area : probe.header().areas()) {
                boolean header = area.keySlot() < 0;
                String group = header ? "luks header " + name : "luks key slot " + area.keySlot() + " " + name;
                for (Placement pl : v.placements()) {
                    add(out, pl, area.offsetBytes(), area.lengthBytes(), header ? "luks-header" : "luks-key-material",
                            area.what() + " of " + name, group);
                }
            }
        });
    }

    /** Adds volume bytes {@code [offset, +length)} of placement {@code pl} as regions on the images below it. */
    private static void add(List<MetadataRegion> out, Placement pl, long offset, long length, String kind,
            String structure, String group) {
        if (length <= 0) {
            return;
        }
        MdArraySource array = pl.array();
        for (Extent e : pl.toImage().lookup(offset, length)) {
            if (e.isHole()) {
                continue;
            }
            if (array == null) {
                out.add(new MetadataRegion(pl.imageIndex(), e.physicalStart(), e.length(), kind, structure, group));
                continue;
            }
            MetadataRegion.ArrayBytes bytes = new MetadataRegion.ArrayBytes(array, e.physicalStart(), e.length());
            for (MdArraySource.ImagePiece p : array.imagePieces(e.physicalStart(), e.length())) {
                out.add(new MetadataRegion(p.imageIndex(), p.imageOffset(), p.length(), kind, structure
                        + (p.kind() == MemberUse.Kind.PARITY ? " (parity on " + array.roleName(p.role()) + ")" : ""),
                        group, bytes));
            }
        }
    }
}
