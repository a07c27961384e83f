package io.qrescue.recovery.stack;

import io.qrescue.recovery.source.Damage;
import io.qrescue.recovery.source.Doubts;
import io.qrescue.recovery.source.Extent;
import io.qrescue.recovery.source.ExtentMap;
import io.qrescue.recovery.source.ImageSource;
import io.qrescue.recovery.stack.drbd.DrbdTail;
import io.qrescue.recovery.stack.drbd.DrbdTailReader;
import io.qrescue.recovery.stack.finding.Bytes;
import io.qrescue.recovery.stack.finding.Finding;
import io.qrescue.recovery.stack.lvm.LogicalVolume;
import io.qrescue.recovery.stack.lvm.LvMapper;
import io.qrescue.recovery.stack.lvm.LvMapping;
import io.qrescue.recovery.stack.lvm.LvSegment;
import io.qrescue.recovery.stack.lvm.MetadataCopy;
import io.qrescue.recovery.stack.lvm.MetadataTextParser;
import io.qrescue.recovery.stack.lvm.PvEntry;
import io.qrescue.recovery.stack.lvm.PvReader;
import io.qrescue.recovery.stack.lvm.PvScan;
import io.qrescue.recovery.stack.lvm.SegmentType;
import io.qrescue.recovery.stack.lvm.VgRead;
import io.qrescue.recovery.stack.lvm.VolumeGroupReader;
import io.qrescue.recovery.stack.md.MdArray;
import io.qrescue.recovery.stack.md.MdArraySource;
import io.qrescue.recovery.stack.md.MdAssembler;
import io.qrescue.recovery.stack.md.MdMember;
import io.qrescue.recovery.stack.md.MemberData;
import io.qrescue.recovery.stack.md.MdProbe;
import io.qrescue.recovery.stack.md.MdSuperblockReader;
import io.qrescue.recovery.stack.md.MdVersion;
import io.qrescue.recovery.stack.partition.Partition;
import io.qrescue.recovery.stack.partition.PartitionTable;
import io.qrescue.recovery.stack.partition.PartitionTableReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads disk images bottom-up into a {@link StorageStack}; never throws on corrupt input. */
public final class StackScanner {

    private StackScanner() {
    }

    /** Scans {@code images} (the members of one NAS, or one image) and assembles everything found on them. */
    public static StorageStack scan(List<NamedImage> images) {
        List<Finding> stackFindings = new ArrayList<>();
        List<DiskNode> disks = new ArrayList<>();
        List<MdAssembler.Candidate> mdCandidates = new ArrayList<>();
        List<PvNode> plainPvs = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            disks.add(scanDisk(i, images.get(i), mdCandidates, plainPvs));
        }
        List<ArrayNode> arrays = new ArrayList<>();
        for (MdArray a : MdAssembler.assemble(mdCandidates)) {
            arrays.add(arrayNode(a, images));
        }
        List<PvNode> allPvs = new ArrayList<>();
        arrays.stream().map(ArrayNode::pv).filter(p -> p != null).forEach(allPvs::add);
        allPvs.addAll(plainPvs);
        List<VgNode> vgs = volumeGroups(allPvs, stackFindings);
        return new StorageStack(disks, arrays, plainPvs, vgs, stackFindings);
    }

    private static DiskNode scanDisk(int index, NamedImage image, List<MdAssembler.Candidate> mdCandidates,
            List<PvNode> plainPvs) {
        ImageSource src = image.source();
        PartitionTable table = PartitionTableReader.read(src);
        List<PartitionNode> nodes = new ArrayList<>();
        if (table.partitions().isEmpty()) {
            nodes.add(scanCandidate(index, image, image.name(), null, 0, src.size(), mdCandidates, plainPvs));
        } else {
            for (Partition p : table.partitions()) {
                long size = Math.max(0, Math.min(p.sizeBytes(), src.size() - Math.min(p.startBytes(), src.size())));
                nodes.add(scanCandidate(index, image, image.name() + " p" + p.number(), p, p.startBytes(), size,
                        mdCandidates, plainPvs));
            }
        }
        return new DiskNode(index, image.name(), src, src.size(), table, nodes);
    }

    private static PartitionNode scanCandidate(int index, NamedImage image, String label, Partition p, long start,
            long size, List<MdAssembler.Candidate> mdCandidates, List<PvNode> plainPvs) {
        ImageSource slice = image.source().slice(start, size);
        MdProbe probe = MdSuperblockReader.probe(slice);
        List<Finding> findings = shift(probe.findings(), start);
        if (probe.best() != null) {
            mdCandidates.add(new MdAssembler.Candidate(label, index, start, size, probe.best()));
            return new PartitionNode(label, p, start, size, probe, probe.best().arrayUuid(), null, findings);
        }
        if (PvReader.hasLabel(slice)) {
            ExtentMap toImage = size == 0 ? ExtentMap.linear(0)
                    : ExtentMap.builder().add(new Extent(0, size, start)).build(size);
            String unseen = unseenMdSuperblock(slice);
            plainPvs.add(pvNode(label, slice, List.of(new Placement(index, image.name(), image.source(), toImage)),
                    unseen == null ? null : "the PV on " + label + " may be one member of an md array, as its md "
                    + unseen + "; the other members' bytes would not be here"));
            return new PartitionNode(label, p, start, size, probe, null, label, findings);
        }
        String unreadable = Bytes.damageText(slice, 0, Math.min(4L * 512, size));
        if (unreadable != null) {
            List<Finding> more = new ArrayList<>(findings);
            more.add(Finding.warning("LVM label", start, label + ": sectors 0-3 cannot be read, so a PV label there "
                    + "is not seen: " + unreadable));
            findings = more;
        }
        return new PartitionNode(label, p, start, size, probe, null, null, findings);
    }

    /**
     * Why an md superblock at the end of {@code slice} could not be seen, or null. Versions 0.90 and 1.0 keep the
     * array's data from byte 0 of each member, so a member of a striped array shows its PV label as a plain PV does.
     */
    private static String unseenMdSuperblock(ImageSource slice) {
        for (MdVersion v : new MdVersion[] {MdVersion.V0_90, MdVersion.V1_0}) {
            long at = v.superblockOffsetBytes(slice.size());
            String why = at < 0 || at + 4096 > slice.size() ? null : Bytes.damageText(slice, at, 4096);
            if (why != null) {
                return v.text() + " superblock location cannot be read (" + why + ")";
            }
        }
        return null;
    }

    private static ArrayNode arrayNode(MdArray a, List<NamedImage> images) {
        if (!a.readable()) {
            return new ArrayNode(a, null, new DrbdTail(null, List.of()), null, a.findings());
        }
        List<Finding> findings = new ArrayList<>(a.findings());
        List<MdArraySource.Member> members = new ArrayList<>();
        String doubt = null;
        long base = -1;
        for (MdMember m : a.members()) {
            if (!m.used()) {
                continue;
            }
            NamedImage img = images.get(m.imageIndex());
            long size = a.layout().memberBytes(m.role());
            MemberData data = MemberData.of(m.label(), img.source(), img.name(), m.dataStartBytes(), size);
            if (m.use() == MdMember.Use.DOUBTED) {
                // a doubt about the whole layer: its metadata stays readable, every volume on it is unknown
                doubt = (doubt == null ? "md array " + a.displayName() + " reads " : doubt + " and ") + m.label()
                        + " (" + m.state() + ")";
            } else if (m.use() == MdMember.Use.RECOVERING) {
                data = data.doubted(m.superblock().recoveryOffsetSectors() * 512, "not yet rebuilt on " + m.label());
            }
            long available = Math.min(m.startBytes() + m.sizeBytes(), img.source().size()) - m.dataStartBytes();
            if (available < size) {
                findings.add(Finding.warning("md member " + m.label(), m.dataStartBytes(), "truncated: holds "
                        + Math.max(0, available) + " of its " + size + " bytes of array data; the rest is unreadable"));
            }
            members.add(new MdArraySource.Member(m.role(), m.label(), m.imageIndex(), m.dataStartBytes(), data));
            base = base < 0 ? m.dataStartBytes() : base;
        }
        MdArraySource source = new MdArraySource(a.displayName(), a.layout(), members);
        base = Math.max(0, base);
        DrbdTail drbd = DrbdTailReader.read(source);
        findings.addAll(shift(drbd.findings(), base));
        ImageSource pvSource = source;
        if (drbd.metadata() != null) {
            long la = drbd.metadata().dataSizeBytes();
            if (la > 0 && la <= drbd.metadata().offsetBytes()) {
                pvSource = source.slice(0, la);
            }
            findings.add(Finding.info("DRBD metadata", base + drbd.metadata().offsetBytes(), "DRBD " + drbd.metadata()
                    .versionText() + " tail; PV limited to la_sect " + drbd.metadata().lastAgreedSectors() + " sectors"));
        }
        PvNode pv = null;
        if (!PvReader.hasLabel(pvSource)) {
            findings.add(Finding.info("md array " + a.uuid(), base, "no LVM label in sectors 0-3 of the array data"));
        } else {
            // the array's own damage (what it cannot heal, bytes a recovering member does not have yet) comes
            // through its source
            pv = pvNode(a.displayName(), pvSource, List.of(Placement.onArray(source, ExtentMap.linear(pvSource.size()))),
                    doubt);
        }
        return new ArrayNode(a, source, drbd, pv, findings);
    }

    private static PvNode pvNode(String label, ImageSource pvSource, List<Placement> placements, String doubt) {
        PvScan scan = PvReader.read(pvSource);
        long base = imageStart(placements);
        return new PvNode(label, pvSource.size(), scan, placements, shift(scan.findings(), base), doubt);
    }

    /** Image offset of volume byte 0 in the preferred placement (0 when unplaced). */
    private static long imageStart(List<Placement> placements) {
        return placements.isEmpty() ? 0 : Math.max(0, placements.get(0).imageOffsetOf(0));
    }

    private static List<VgNode> volumeGroups(List<PvNode> pvs, List<Finding> stackFindings) {
        Map<String, List<PvNode>> byVg = new LinkedHashMap<>();
        for (PvNode pv : pvs) {
            MetadataCopy c = pv.scan().newestCommitted();
            if (c == null) {
                c = pv.scan().copies().stream().filter(x -> x.vgName() != null)
                        .max(Comparator.comparingLong(MetadataCopy::seqno)).orElse(null);
            }
            if (c == null || c.vgName() == null) {
                stackFindings.add(Finding.warning("LVM PV " + pv.label(), imageStart(pv.placements()),
                        "no readable metadata text; the PV belongs to no known VG"));
                continue;
            }
            byVg.computeIfAbsent(c.vgName(), k -> new ArrayList<>()).add(pv);
        }
        List<VgNode> out = new ArrayList<>();
        for (Map.Entry<String, List<PvNode>> e : byVg.entrySet()) {
            out.add(vgNode(e.getKey(), e.getValue()));
        }
        return out;
    }

    private static VgNode vgNode(String name, List<PvNode> pvs) {
        List<Finding> findings = new ArrayList<>();
        List<MetadataCopy> copies = new ArrayList<>();
        Map<MetadataCopy, PvNode> copyPv = new LinkedHashMap<>();
        for (PvNode pv : pvs) {
            for (MetadataCopy c : pv.scan().copies()) {
                copies.add(c);
                copyPv.put(c, pv);
                if (c.vgName() != null && !c.vgName().equals(name)) {
                    findings.add(Finding.warning("LVM metadata text", imageStart(pv.placements()) + c.textOffsetBytes(),
                            "copy on PV " + pv.label() + " (seqno " + c.seqno() + ", " + (c.committed() ? "committed"
                                    : "older generation") + ") describes VG \"" + c.vgName() + "\", not \"" + name + "\""));
                }
            }
        }
        // lvm2 (vg_read) decodes the committed copy (raw_locn 0) with a good checksum and the highest seqno among
        // the PVs, and warns when PVs disagree; precommitted and older copies never win.
        MetadataCopy chosen = copies.stream().filter(c -> c.committed() && c.checksumOk() && name.equals(c.vgName()))
                .max(Comparator.comparingLong(MetadataCopy::seqno)).orElse(null);
        String doubt = null;
        if (chosen == null) {
            // Nothing verified: prefer a text that parses completely, then the newest; nothing it places is vouched for.
            chosen = copies.stream().filter(c -> name.equals(c.vgName()))
                    .max(Comparator.comparing((MetadataCopy c) -> MetadataTextParser.parse(c.text()).complete())
                            .thenComparingLong(MetadataCopy::seqno)).orElse(null);
            if (chosen != null) {
                String what = (chosen.committed() ? "the committed copy with a bad checksum" : "an older generation")
                        + " seqno " + chosen.seqno();
                findings.add(Finding.error("LVM metadata text", imageStart(copyPv.get(chosen).placements())
                        + chosen.textOffsetBytes(), "no committed copy with a good checksum; using " + what));
                doubt = "no committed copy of VG " + name + "'s LVM metadata passes its checksum; " + what
                        + " was decoded";
            }
        }
        Set<Long> committedSeqnos = new java.util.TreeSet<>();
        copies.stream().filter(c -> c.committed() && c.checksumOk() && name.equals(c.vgName()))
                .forEach(c -> committedSeqnos.add(c.seqno()));
        if (committedSeqnos.size() > 1) {
            findings.add(Finding.warning("LVM metadata text", imageStart(copyPv.get(chosen).placements())
                    + chosen.textOffsetBytes(), "PVs of VG " + name + " disagree: committed seqnos " + committedSeqnos
                    + "; using seqno " + chosen.seqno() + ", the newest, as lvm2 does (older copies are stale)"));
        }
        if (chosen == null) {
            return new VgNode(name, null, null, copies, Map.of(), List.of(), List.of(), findings, null);
        }
        long textBase = imageStart(copyPv.get(chosen).placements()) + chosen.textOffsetBytes();
        VgRead read = VolumeGroupReader.read(chosen.text());
        findings.addAll(shift(read.findings(), textBase));
        if (read.vg() == null) {
            return new VgNode(name, null, chosen, copies, Map.of(), List.of(), List.of(), findings, doubt);
        }
        Map<String, PvNode> pvByKey = new LinkedHashMap<>();
        for (PvEntry entry : read.vg().physicalVolumes()) {
            PvNode match = pvs.stream().filter(p -> p.uuid() != null && p.uuid().equals(entry.rawId())).findFirst()
                    .orElse(null);
            if (match == null) {
                findings.add(Finding.error("LVM metadata text", textBase, "VG " + name + " needs " + entry.name() + " ("
                        + entry.id() + "), not found on the scanned images"));
                continue;
            }
            pvByKey.put(entry.name(), match);
            long labelStart = match.scan().label().dataStartBytes();
            if (labelStart >= 0 && entry.peStartSectors() >= 0 && labelStart != entry.peStartSectors() * 512) {
                findings.add(Finding.warning("LVM pv_header", imageStart(match.placements()) + 512, entry.name()
                        + ": data area starts at " + labelStart + " bytes but the metadata says pe_start "
                        + entry.peStartSectors() + " sectors"));
            }
        }
        List<LvNode> lvs = new ArrayList<>();
        for (LogicalVolume lv : read.vg().logicalVolumes()) {
            lvs.add(lvNode(read.vg(), lv, pvByKey, textBase, doubt));
        }
        List<PoolNode> pools = new ArrayList<>();
        for (LvNode n : lvs) {
            if (n.lv().kind() == SegmentType.THIN_POOL) {
                pools.add(poolNode(n, lvs, textBase));
            }
        }
        return new VgNode(name, read.vg(), chosen, copies, pvByKey, lvs, pools, findings, doubt);
    }

    private static LvNode lvNode(io.qrescue.recovery.stack.lvm.VolumeGroup vg, LogicalVolume lv,
            Map<String, PvNode> pvByKey, long textBase, String vgDoubt) {
        LvMapping m = LvMapper.map(vg, lv);
        List<Finding> findings = new ArrayList<>(shift(m.findings(), textBase));
        List<Placement> placements = new ArrayList<>();
        String doubt = vgDoubt;
        if (!m.byPv().isEmpty()) {
            String single = m.singlePv();
            PvNode pv = single == null ? null : pvByKey.get(single);
            if (doubt == null && pv != null) {
                doubt = pv.doubt();
            }
            if (single == null) {
                findings.add(Finding.warning("LVM metadata text", textBase, "LV " + lv.name() + " spans PVs " + m.byPv()
                        .keySet() + "; only per-PV maps are given"));
            } else if (pv == null) {
                findings.add(Finding.error("LVM metadata text", textBase, "LV " + lv.name() + " lies on " + single
                        + ", which was not found"));
            } else {
                ExtentMap lvToPv = m.byPv().get(single);
                List<Damage> unmapped = Doubts.holes(lvToPv, "LV " + vg.name() + "/" + lv.name() + ": no segment "
                        + "of its metadata maps these bytes");
                for (Placement pl : pv.placements()) {
                    placements.add(pl.under(lvToPv, unmapped, "LV " + vg.name() + "/" + lv.name() + ": bytes past the"
                            + " end of PV " + pv.label()));
                }
                if (lvToPv.extents().stream().anyMatch(x -> !x.isHole() && x.physicalStart() + x.length() > pv.sizeBytes())) {
                    findings.add(Finding.error("LVM metadata text", textBase, "LV " + lv.name() + " reaches past the end"
                            + " of PV " + pv.label() + " (" + pv.sizeBytes() + " bytes)"));
                }
            }
        }
        return new LvNode(lv, m.sizeBytes(), m.byPv(), placements, findings, doubt);
    }

    private static PoolNode poolNode(LvNode pool, List<LvNode> lvs, long textBase) {
        List<Finding> findings = new ArrayList<>();
        LvSegment seg = pool.lv().firstSegment();
        String name = pool.name();
        LvNode tmeta = find(lvs, seg.metadataLv() != null ? seg.metadataLv() : name + "_tmeta");
        if (tmeta == null) {
            findings.add(Finding.error("LVM metadata text", textBase, "pool " + name + ": metadata LV "
                    + seg.metadataLv() + " not in the VG"));
        }
        List<LvNode> data = new ArrayList<>();
        LvNode tdata = find(lvs, seg.poolDataLv() != null ? seg.poolDataLv() : name + "_tdata");
        if (tdata != null) {
            data.add(tdata);
        }
        for (int i = 0; tdata == null && i < 16; i++) {
            LvNode tier = find(lvs, name + "_tierdata_" + i);
            if (tier != null) {
                data.add(tier);
            }
        }
        if (data.isEmpty()) {
            findings.add(Finding.error("LVM metadata text", textBase, "pool " + name + ": no data LV (" + seg.poolDataLv()
                    + ", _tdata or _tierdata_N) in the VG"));
        }
        List<LvNode> thins = lvs.stream().filter(n -> n.lv().kind() == SegmentType.THIN
                && name.equals(n.lv().firstSegment().thinPool())).toList();
        return new PoolNode(pool, "tier-thin-pool".equals(seg.typeName()), seg.chunkSizeSectors(), seg.transactionId(),
                tmeta, data, thins, findings);
    }

    private static LvNode find(List<LvNode> lvs, String name) {
        for (LvNode n : lvs) {
            if (n.name().equals(name)) {
                return n;
            }
        }
        return null;
    }

    private static List<Finding> shift(List<Finding> findings, long delta) {
        return findings.stream().map(f -> f.shifted(delta)).toList();
    }
}
