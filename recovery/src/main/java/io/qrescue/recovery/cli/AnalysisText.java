package io.qrescue.recovery.cli;

import io.qrescue.mapfile.BlockStatus;
import io.qrescue.recovery.analysis.AnalyzedVolume;
import io.qrescue.recovery.analysis.DamageReport;
import io.qrescue.recovery.analysis.DamagedRegion;
import io.qrescue.recovery.analysis.Impact;
import io.qrescue.recovery.analysis.PoolAnalysis;
import io.qrescue.recovery.analysis.Sizes;
import io.qrescue.recovery.analysis.StackAnalysis;
import io.qrescue.recovery.analysis.VolumeHealth;
import io.qrescue.recovery.source.Damage;
import io.qrescue.recovery.source.Extent;
import io.qrescue.recovery.stack.ArrayNode;
import io.qrescue.recovery.stack.DiskNode;
import io.qrescue.recovery.stack.LvNode;
import io.qrescue.recovery.stack.PartitionNode;
import io.qrescue.recovery.stack.Placement;
import io.qrescue.recovery.stack.VgNode;
import io.qrescue.recovery.stack.finding.Finding;
import io.qrescue.recovery.stack.md.MdArray;
import io.qrescue.recovery.stack.md.MdMember;
import io.qrescue.recovery.stack.thin.SalvagedDevice;
import io.qrescue.recovery.stack.thin.SalvagedPool;
import io.qrescue.recovery.stack.thin.ThinMetadata;
import io.qrescue.recovery.analysis.LuksLayer;
import io.qrescue.recovery.stack.luks.LuksProbe;
import io.qrescue.recovery.stack.luks.LuksVolume;
import io.qrescue.recovery.volume.DamageSummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders an analysis (and its damage report) as an indented tree for people. */
final class AnalysisText {

    private AnalysisText() {
    }

    static String render(StackAnalysis a, DamageReport report) {
        return render(a, report, Map.of());
    }

    /** With how each encrypted volume opened ({@code luks} by volume name; volumes not in it show their header only). */
    static String render(StackAnalysis a, DamageReport report, Map<String, LuksLayer> luks) {
        return render(a, report, luks, true);
    }

    /**
     * As {@link #render(StackAnalysis, DamageReport, Map)}; with {@code listUnread} false the regions never tried are
     * counted in one line instead of listed (a job stopped by --until leaves most of the disk so).
     */
    static String render(StackAnalysis a, DamageReport report, Map<String, LuksLayer> luks, boolean listUnread) {
        StringBuilder b = new StringBuilder();
        for (DiskNode d : a.stack().disks()) {
            b.append("disk ").append(d.name()).append(": ").append(size(d.sizeBytes())).append(", ")
                    .append(d.table().scheme()).append(d.table().usedBackupGpt() ? " (backup GPT)" : "").append('\n');
            for (PartitionNode p : d.partitions()) {
                b.append("  ").append(p.label()).append(": bytes ").append(p.startBytes()).append("..")
                        .append(p.startBytes() + p.sizeBytes()).append(" (").append(size(p.sizeBytes())).append(")");
                if (p.mdArrayUuid() != null) {
                    b.append(", md member of array \"").append(p.md().best().name()).append("\" (md ")
                            .append(p.md().best().version().text()).append(")");
                } else if (p.pvLabel() != null) {
                    b.append(", LVM PV");
                }
                b.append('\n');
            }
        }
        for (ArrayNode n : a.stack().arrays()) {
            b.append("array ").append(n.array().displayName()).append(": ")
                    .append(n.array().layout() != null ? n.array().layout().describe()
                            : n.array().levelName() + ", " + n.array().raidDisks() + " devices, NOT READ")
                    .append(", ").append(size(n.array().sizeBytes())).append(", metadata ")
                    .append(n.array().view().version().text()).append(", uuid ").append(n.array().uuid()).append('\n');
            for (MdMember m : n.array().members()) {
                b.append("  member ").append(m.label()).append(": role ")
                        .append(m.role() >= 0 ? String.valueOf(m.role()) : "-").append(", events ")
                        .append(m.superblock().events()).append(", ").append(m.state())
                        .append(m.use() == MdMember.Use.STALE || m.use() == MdMember.Use.NOT_USED ? " (not read)" : "")
                        .append('\n');
            }
            if (!n.array().missingRoles().isEmpty()) {
                b.append("  ").append(MdArray.rolesText(n.array().missingRoles())).append(": missing\n");
            }
            if (n.drbd().metadata() != null) {
                b.append("  DRBD ").append(n.drbd().metadata().versionText()).append(" tail\n");
            }
            if (n.pv() != null) {
                b.append("  PV ").append(n.pv().uuid() == null ? "?" : n.pv().scan().label().pvUuidDisplay())
                        .append(": ").append(size(n.pv().sizeBytes())).append('\n');
            }
        }
        for (VgNode vg : a.stack().volumeGroups()) {
            vg(a, vg, b);
        }
        b.append("volumes:\n");
        for (AnalyzedVolume v : a.volumes()) {
            b.append("  ").append(v.name()).append(": ").append(v.kind())
                    .append(v.origin() != null ? " of " + v.origin() : "").append(", ").append(size(v.sizeBytes()));
            if (v.isThin()) {
                b.append(", device ").append(v.deviceId()).append(", ").append(size(v.mappedBytes())).append(" mapped");
            }
            if (v.placements().isEmpty()) {
                b.append(", NOT PLACED (").append(v.problem()).append(')');
            } else {
                b.append(", on ").append(v.placements().get(0).imageName()).append(" in ")
                        .append(v.placements().get(0).toImage().extents().stream().filter(e -> !e.isHole()).count())
                        .append(" extents");
                firstByte(v, b);
                if (v.placements().size() > 1) {
                    b.append(" (+").append(v.placements().size() - 1).append(" mirror)");
                }
                DamageSummary doubt = DamageSummary.of(v.doubts());
                if (doubt.hasUnknown()) {
                    b.append("; ").append(doubt.unknownLine());
                }
            }
            b.append('\n');
            salvaged(a, v, b);
            luks(a.luks().get(v.name()), luks.get(v.name()), b);
        }
        if (!a.findings().isEmpty()) {
            b.append("findings:\n");
            for (Finding f : a.findings()) {
                b.append("  ").append(f.severity()).append(' ').append(f.structure()).append(" @").append(f.offsetBytes())
                        .append(": ").append(f.message()).append('\n');
            }
        }
        if (report != null) {
            damage(report, listUnread, b);
        }
        return b.toString();
    }

    /** The LUKS layer under a volume line: the header, its key slots, and how it opened. */
    private static void luks(LuksProbe probe, LuksLayer layer, StringBuilder b) {
        if (probe == null) {
            return;
        }
        if (probe.header() == null) {
            b.append("    LUKS: ").append(probe.problem()).append('\n');
            return;
        }
        b.append("    ").append(probe.header().summary()).append("; key slots ")
                .append(LuksVolume.slots(probe.header())).append('\n');
        if (layer != null) {
            b.append("    ").append(layer.status()).append('\n');
            if (layer.opened() != null) {
                layer.opened().notes().forEach(n -> b.append("    ").append(n).append('\n'));
            }
        }
    }

    /** "rebuilt from ... (confidence ...)" and the ranges still in doubt, for a volume of a salvaged pool. */
    private static void salvaged(StackAnalysis a, AnalyzedVolume v, StringBuilder b) {
        SalvagedDevice d = a.salvaged(v);
        if (d == null) {
            return;
        }
        b.append("    ").append(d.summary()).append('\n');
        Map<String, List<Damage>> byCause = new LinkedHashMap<>();
        for (Damage doubt : v.doubts()) {
            byCause.computeIfAbsent(doubt.cause(), c -> new ArrayList<>()).add(doubt);
        }
        byCause.forEach((cause, runs) -> {
            b.append("    unknown ").append(size(Damage.totalBytes(runs))).append(" (").append(cause).append("): bytes");
            for (int i = 0; i < runs.size() && i < 6; i++) {
                b.append(i == 0 ? " " : ", ").append(runs.get(i).offset()).append("..").append(runs.get(i).end());
            }
            b.append(runs.size() > 6 ? " and " + (runs.size() - 6) + " more ranges" : "").append('\n');
        });
    }

    private static void firstByte(AnalyzedVolume v, StringBuilder b) {
        Placement p = v.placements().get(0);
        for (Extent e : p.toImage().extents()) {
            if (!e.isHole()) {
                b.append(", byte ").append(e.logicalStart()).append(" at ").append(p.array() != null ? "array" : "image")
                        .append(" byte ").append(e.physicalStart());
                return;
            }
        }
    }

    private static void vg(StackAnalysis a, VgNode vg, StringBuilder b) {
        b.append("VG ").append(vg.name());
        if (vg.vg() != null) {
            b.append(": seqno ").append(vg.vg().seqno()).append(", extent ").append(size(vg.vg().extentSizeBytes()))
                    .append(", PVs ").append(vg.pvs().keySet());
        } else {
            b.append(": metadata not readable");
        }
        b.append(", ").append(vg.copies().size()).append(" metadata copies\n");
        for (LvNode lv : vg.lvs()) {
            b.append("  LV ").append(lv.name()).append(": ").append(lv.lv().firstSegment() == null ? "?"
                    : lv.lv().firstSegment().typeText()).append(", ").append(size(lv.sizeBytes()))
                    .append(lv.lv().visible() ? "" : ", hidden").append('\n');
        }
        for (PoolAnalysis p : a.pools()) {
            if (!p.vgName().equals(vg.name())) {
                continue;
            }
            b.append("  pool ").append(p.node().pool().name()).append(p.node().tiered() ? " (tier-thin-pool)" : "")
                    .append(": chunk ").append(size(p.node().chunkSizeBytes()));
            ThinMetadata md = p.metadata();
            if (p.salvage() != null) {
                SalvagedPool s = p.salvage();
                b.append(", metadata DAMAGED, salvaged from ").append(s.blockSizeBytes()).append("-byte blocks (superblock: ")
                        .append(s.superblockSource()).append(")\n");
                for (SalvagedDevice d : s.devices().values()) {
                    b.append("    device ").append(d.deviceId()).append(" = ").append(p.volumeName(d.deviceId()))
                            .append(": ").append(d.mappingCount()).append(" mapped blocks, confidence ")
                            .append(d.confidence().label()).append('\n');
                }
                continue;
            }
            if (md == null || !md.hasSuperblock()) {
                b.append(", metadata NOT READABLE\n");
                continue;
            }
            b.append(", metadata ").append(md.superblock().isQnap() ? "QNAP" : "upstream").append(" ")
                    .append(md.blockSizeBytes()).append("-byte blocks")
                    .append("block 0".equals(md.superblockSource()) ? "" : ", superblock from the "
                            + md.superblockSource())
                    .append(", transaction ")
                    .append(md.superblock().transactionId()).append(", ").append(md.liveBlocks().liveBlockCount())
                    .append(" live metadata blocks, data ").append(size(p.dataUse().usedBytes())).append(" used of ")
                    .append(size(md.superblock().dataSpaceMap().nrBlocks() * md.dataBlockSizeBytes())).append('\n');
            for (long dev : md.deviceRoots().keySet()) {
                b.append("    device ").append(dev).append(" = ").append(p.volumeName(dev)).append(": ")
                        .append(md.runs(dev).mappedBlocks()).append(" mapped blocks\n");
            }
        }
    }

    private static void damage(DamageReport report, boolean listUnread, StringBuilder b) {
        b.append("damage:\n");
        if (report.regions().isEmpty()) {
            b.append("  none: every byte is finished\n");
        }
        long unreadRegions = 0;
        long unreadBytes = 0;
        for (DamagedRegion r : report.regions()) {
            if (!listUnread && r.status() == BlockStatus.NON_TRIED) {
                unreadRegions++;
                unreadBytes += r.lengthBytes();
                continue;
            }
            b.append("  ").append(r.imageName()).append(" bytes ").append(r.offsetBytes()).append("..")
                    .append(r.offsetBytes() + r.lengthBytes()).append(" (").append(size(r.lengthBytes())).append(", ")
                    .append(r.status().label()).append("):\n");
            // bytes never tried are not lost yet: what they hold is what reading them would save
            String mark = r.status() == BlockStatus.NON_TRIED ? "UNREAD " : "LOST ";
            for (Impact i : r.impacts()) {
                b.append("    ").append(i.offsetBytes()).append("..").append(i.endBytes()).append(' ')
                        .append(i.lost() ? mark : "ok   ").append(i.structure()).append(": ").append(i.cost())
                        .append('\n');
            }
        }
        if (unreadRegions > 0) {
            b.append("  ").append(unreadRegions).append(" regions not imaged yet (").append(size(unreadBytes))
                    .append("), not listed\n");
        }
        b.append(unreadRegions > 0 ? "readable so far (bytes not imaged yet count as lost until a later round reads"
                + " them):\n" : "readable:\n");
        for (VolumeHealth h : report.volumes()) {
            b.append("  ").append(h.volume()).append(": ").append(percent(h.readableFraction())).append(" of ")
                    .append(size(h.sizeBytes())).append(" readable (").append(h.readableBytes()).append(" bytes); mapped ")
                    .append(size(h.mappedBytes())).append(h.mappingPartlyUnknown() ? " known + "
                            + size(h.mappingUnknownBytes()) + " with unknown mapping" : "").append(", ")
                    .append(percent(h.readableMappedFraction()))
                    .append(" readable; lost to data ").append(h.dataLostBytes()).append(" bytes, to metadata ")
                    .append(h.metadataLostBytes()).append(" bytes\n");
        }
    }

    private static String percent(double f) {
        return String.format(Locale.ROOT, "%.2f%%", 100 * f);
    }

    private static String size(long bytes) {
        return Sizes.human(bytes);
    }
}
