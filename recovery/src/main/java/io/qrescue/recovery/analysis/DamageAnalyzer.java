package io.qrescue.recovery.analysis;

import io.qrescue.mapfile.Block;
import io.qrescue.mapfile.StatusBlock;
import io.qrescue.recovery.source.Damage;
import io.qrescue.recovery.source.Extent;
import io.qrescue.recovery.source.MappedSource;
import io.qrescue.recovery.source.Readability;
import io.qrescue.recovery.stack.ArrayNode;
import io.qrescue.recovery.stack.DiskNode;
import io.qrescue.recovery.stack.LvNode;
import io.qrescue.recovery.stack.PartitionNode;
import io.qrescue.recovery.stack.Placement;
import io.qrescue.recovery.stack.PoolNode;
import io.qrescue.recovery.stack.PvNode;
import io.qrescue.recovery.stack.VgNode;
import io.qrescue.recovery.stack.md.MdArraySource;
import io.qrescue.recovery.stack.md.MdMember;
import io.qrescue.recovery.stack.md.MemberUse;
import io.qrescue.recovery.stack.thin.BlockKind;
import io.qrescue.recovery.stack.thin.BlockRole;
import io.qrescue.recovery.stack.thin.MappingDoubt;
import io.qrescue.recovery.stack.thin.MetadataLoss;
import io.qrescue.recovery.stack.thin.SalvagedDevice;
import io.qrescue.recovery.stack.thin.TmetaRange;
import io.qrescue.recovery.stack.thin.VolumeRange;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Computes a {@link DamageReport}: one pass over the damaged regions of each image, pure over the analysis. A
 * region inside an md member's data is first resolved by the array: the bytes it holds are healed (from the other
 * copies or the stripe's parity) or lost; only lost array bytes go on to the LVs, thin pools and volumes on the
 * array. The analysis must have been made over the images read with the same maps (each a
 * {@link io.qrescue.recovery.source.RescuedImage}), since the arrays heal from what the maps say.
 */
final class DamageAnalyzer {

    /** What an LV is to the stack, with the {@link Impact#kind()} of its damaged bytes. */
    private enum LvRole {
        THIN_METADATA("thin-metadata"), THIN_DATA("thin-data"), VOLUME("linear-data"), HIDDEN("lv-data");

        final String impactKind;

        LvRole(String impactKind) {
            this.impactKind = impactKind;
        }
    }

    /** A data LV of a thin pool: its tier (0 without tiering). */
    private record PoolData(PoolAnalysis pool, int tier) {
    }

    /**
     * An LV's bytes on an image or an array, and what the LV is to the stack: {@code pool} for thin metadata and
     * data, {@code tier} for data (-1 otherwise), {@code volume} for a user volume (null otherwise).
     */
    private record LvPlace(VgNode vg, LvNode lv, Placement placement, LvRole role, PoolAnalysis pool, int tier,
            AnalyzedVolume volume) {
    }

    /**
     * Where the bytes of an impact lie on the image: {@code delta} + an offset of the volume being looked at (bytes
     * that lie there one to one), or always the fixed range {@code [fixedFrom, +fixedLength)} (parity of lost bytes).
     */
    private record ImageAt(long delta, long fixedFrom, long fixedLength) {
        static ImageAt linear(long delta) {
            return new ImageAt(delta, -1, 0);
        }

        static ImageAt fixed(long from, long length) {
            return new ImageAt(0, from, length);
        }

        long from(long offset) {
            return fixedFrom >= 0 ? fixedFrom : delta + offset;
        }

        long length(long from, long to) {
            return fixedFrom >= 0 ? fixedLength : to - from;
        }
    }

    private final StackAnalysis analysis;
    private final List<Readability> readability;
    /** Each array of the analysis as read over the images with their maps: what it heals and what it loses. */
    private final Map<MdArraySource, MdArraySource> healers = new HashMap<>();
    private final List<MetadataRegion> metadata;
    private final List<LvPlace> lvPlaces = new ArrayList<>();
    /** Thin LV sizes from LVM by "pool name#device id". */
    private final Map<String, Long> volumeSizes = new HashMap<>();
    /** Per pool: metadata losses by block, computed once over all tmeta bytes unreadable on every member. */
    private final Map<PoolAnalysis, NavigableMap<Long, List<MetadataLoss>>> lossesByBlock = new HashMap<>();

    /**
     * {@code analysis} names the structures (made over plain images, its metadata was parsed even where it is
     * damaged); {@code healing} is the same stack read with the maps, whose arrays know which member bytes they must
     * rebuild and which they cannot.
     */
    DamageAnalyzer(StackAnalysis analysis, StackAnalysis healing, List<Readability> readability) {
        this.analysis = analysis;
        this.readability = readability;
        for (ArrayNode a : analysis.stack().arrays()) {
            if (a.readable()) {
                MdArraySource healer = healing.stack().arrays().stream().filter(h -> h.readable()
                        && h.array().uuid().equals(a.array().uuid())).map(ArrayNode::source).findFirst()
                        .orElse(a.source());
                healers.put(a.source(), healer);
            }
        }
        this.metadata = MetadataRegions.of(analysis);
        Map<String, AnalyzedVolume> volumes = new HashMap<>();
        analysis.volumes().forEach(v -> volumes.put(v.name(), v));
        analysis.volumes().stream().filter(AnalyzedVolume::isThin)
                .forEach(v -> volumeSizes.put(v.pool() + "#" + v.deviceId(), v.sizeBytes()));
        Map<LvNode, PoolAnalysis> tmetaOf = new HashMap<>();
        Map<LvNode, PoolData> dataOf = new HashMap<>();
        for (PoolAnalysis p : analysis.pools()) {
            if (p.node().tmeta() != null) {
                tmetaOf.put(p.node().tmeta(), p);
            }
            for (int t = 0; t < p.node().data().size(); t++) {
                dataOf.put(p.node().data().get(t), new PoolData(p, t));
            }
        }
        for (VgNode vg : analysis.stack().volumeGroups()) {
            for (LvNode lv : vg.lvs()) {
                for (Placement pl : lv.placements()) {
                    PoolAnalysis tmetaPool = tmetaOf.get(lv);
                    PoolData data = dataOf.get(lv);
                    AnalyzedVolume v = volumes.get(vg.name() + "/" + lv.name());
                    if (tmetaPool != null) {
                        lvPlaces.add(new LvPlace(vg, lv, pl, LvRole.THIN_METADATA, tmetaPool, -1, null));
                    } else if (data != null) {
                        lvPlaces.add(new LvPlace(vg, lv, pl, LvRole.THIN_DATA, data.pool(), data.tier(), null));
                    } else if (v != null) {
                        lvPlaces.add(new LvPlace(vg, lv, pl, LvRole.VOLUME, null, -1, v));
                    } else {
                        lvPlaces.add(new LvPlace(vg, lv, pl, LvRole.HIDDEN, null, -1, null));
                    }
                }
            }
        }
        for (PoolAnalysis p : analysis.pools()) {
            if (p.damage() == null || !p.metadata().hasSuperblock()) {
                continue;
            }
            LvNode tmeta = p.node().tmeta();
            Ranges bad = lost(tmeta.placements(), 0, tmeta.sizeBytes());
            List<TmetaRange> ranges = new ArrayList<>();
            bad.blocks().forEach(r -> ranges.add(new TmetaRange(r.pos(), r.size())));
            NavigableMap<Long, List<MetadataLoss>> byBlock = new TreeMap<>();
            if (!ranges.isEmpty()) {
                for (MetadataLoss loss : p.damage().assess(ranges)) {
                    byBlock.computeIfAbsent(loss.blockNr(), b -> new ArrayList<>()).add(loss);
                }
            }
            // Blocks the image itself holds unreadable (e.g. rescued as zeros) lose their subtrees whether or not
            // the mapfile marks them: they count in volume health, regions only show the ones on bad bytes.
            for (MetadataLoss loss : p.damage().assessUnreadable()) {
                if (!byBlock.containsKey(loss.blockNr()) || byBlock.get(loss.blockNr()).stream()
                        .noneMatch(l -> l.role().equals(loss.role()))) {
                    byBlock.computeIfAbsent(loss.blockNr(), b -> new ArrayList<>()).add(loss);
                }
            }
            lossesByBlock.put(p, byBlock);
        }
    }

    DamageReport report() {
        List<DamagedRegion> regions = new ArrayList<>();
        for (DiskNode d : analysis.stack().disks()) {
            Readability r = readabilityOf(d.index());
            // damageIn also yields the part of the image the mapfile does not reach (non-tried).
            for (StatusBlock sb : r.damageIn(0, d.sizeBytes())) {
                regions.add(new DamagedRegion(d.index(), d.name(), sb.pos(), sb.size(), sb.status(),
                        impacts(d, sb.pos(), sb.end())));
            }
        }
        List<VolumeHealth> health = new ArrayList<>();
        for (AnalyzedVolume v : analysis.volumes()) {
            health.add(health(v));
        }
        return new DamageReport(regions, health);
    }

    private MdArraySource healer(MdArraySource array) {
        return healers.getOrDefault(array, array);
    }

    private Readability readabilityOf(int image) {
        return image < readability.size() && readability.get(image) != null ? readability.get(image)
                : Readability.allReadable();
    }

    /**
     * Volume bytes of {@code [from, to)} that cannot be read: on an image, those its map does not mark finished; on
     * an md array, those no member gives back. All of them when the volume is not placed.
     */
    private Ranges lost(List<Placement> placements, long from, long to) {
        if (placements.isEmpty()) {
            return Ranges.of(from, to);
        }
        Placement pl = placements.get(0);
        List<Block> bad = new ArrayList<>();
        if (pl.array() != null) {
            MappedSource healed = new MappedSource(healer(pl.array()), pl.toImage(), pl.doubts());
            for (Damage d : healed.damageIn(from, to - from)) {
                bad.add(Block.between(d.offset(), d.end()));
            }
            return Ranges.union(bad);
        }
        Readability r = readabilityOf(pl.imageIndex());
        for (Extent e : pl.toImage().lookup(from, to - from)) {
            if (e.isHole()) {
                continue;
            }
            for (StatusBlock sb : r.damageIn(e.physicalStart(), e.length())) {
                long s = e.logicalStart() + (sb.pos() - e.physicalStart());
                bad.add(Block.between(s, s + sb.size()));
            }
        }
        return Ranges.union(bad);
    }

    private List<Impact> impacts(DiskNode disk, long from, long to) {
        int image = disk.index();
        List<Impact> out = new ArrayList<>();
        metadataImpacts(image, from, to, out);
        for (LvPlace p : lvPlaces) {
            if (p.placement().imageIndex() != image) {
                continue;
            }
            for (Extent piece : p.placement().toImage().reverse(from, to - from)) {
                lvImpacts(p, piece.logicalStart(), piece.logicalEnd(),
                        ImageAt.linear(piece.physicalStart() - piece.logicalStart()), out);
            }
        }
        // member bytes holding metadata are already told for (healed or lost with the structure)
        Ranges told = Ranges.union(out.stream().map(i -> Block.between(i.offsetBytes(), i.endBytes())).toList());
        for (Block g : Ranges.of(from, to).minus(told).blocks()) {
            for (ArrayNode a : analysis.stack().arrays()) {
                if (a.readable()) {
                    arrayImpacts(a, image, g.pos(), g.end(), out);
                }
            }
        }
        Ranges claimed = Ranges.union(out.stream().map(i -> Block.between(i.offsetBytes(), i.endBytes())).toList());
        Ranges gaps = Ranges.of(from, to).minus(claimed);
        if (!gaps.isEmpty()) {
            unusedImpacts(disk, gaps, out);
        }
        out.sort(Comparator.comparingLong(Impact::offsetBytes));
        return out;
    }

    private void metadataImpacts(int image, long from, long to, List<Impact> out) {
        for (MetadataRegion m : metadata) {
            if (m.imageIndex() != image || m.kind().equals("thin-metadata") || m.endBytes() <= from
                    || m.offsetBytes() >= to) {
                continue;
            }
            long s = Math.max(from, m.offsetBytes());
            long e = Math.min(to, m.endBytes());
            if (m.onArray() != null && readable(m)) {
                MdArraySource array = m.onArray().array();
                out.add(Impact.of(s, e - s, m.kind(), m.structure(), false, "nothing: " + array.name()
                        + " gives these bytes back from its other members"));
                continue;
            }
            MetadataRegion survivor = null;
            for (MetadataRegion other : metadata) {
                if (other != m && other.copyGroup().equals(m.copyGroup()) && !sameArrayBytes(other, m) && readable(other)) {
                    survivor = other;
                    break;
                }
            }
            out.add(metadataImpact(m, s, e, survivor));
        }
    }

    /** True when a region's bytes can be read: its image bytes, or the array bytes it holds (healed or not). */
    private boolean readable(MetadataRegion m) {
        if (m.onArray() != null) {
            MetadataRegion.ArrayBytes b = m.onArray();
            return healer(b.array()).damageIn(b.offset(), b.length()).isEmpty();
        }
        return readabilityOf(m.imageIndex()).isReadable(m.offsetBytes(), m.lengthBytes());
    }

    private static boolean sameArrayBytes(MetadataRegion a, MetadataRegion b) {
        return a.onArray() != null && b.onArray() != null && a.onArray().array() == b.onArray().array()
                && a.onArray().offset() == b.onArray().offset();
    }

    /**
     * The part of region {@code [from, to)} of image {@code image} that lies in a member's share of array
     * {@code a}: each piece healed (from which members) or lost; lost array bytes go on to the volumes on the array.
     */
    private void arrayImpacts(ArrayNode a, int image, long from, long to, List<Impact> out) {
        MdArraySource src = healer(a.source());
        for (int role = 0; role < src.layout().devices(); role++) {
            MdArraySource.Member m = src.member(role);
            if (m == null || m.imageIndex() != image) {
                continue;
            }
            long dataEnd = m.imageOffset() + src.layout().memberBytes(role);
            long s = Math.max(from, m.imageOffset());
            long e = Math.min(to, dataEnd);
            if (s >= e) {
                continue;
            }
            for (MdArraySource.MemberFate f : src.fate(role, s - m.imageOffset(), e - s)) {
                long at = m.imageOffset() + f.memberOffset();
                String where = src.name() + " " + f.kind().label() + " on " + m.label();
                switch (f.kind()) {
                    case UNUSED -> out.add(Impact.of(at, f.length(), "md-reserved", where + " past the array's data",
                            false, "nothing: member space the array does not use"));
                    case DATA -> {
                        MemberUse.ArrayRange held = f.held();
                        String what = where + " (array bytes " + held.offset() + ".." + held.end() + ")";
                        if (f.lost().isEmpty()) {
                            out.add(Impact.of(at, f.length(), "md-healed", what, false, "nothing: " + healed(src, role,
                                    f.from())));
                        } else {
                            arrayLoss(a, held.offset(), held.end(), ImageAt.linear(at - held.offset()), what, out);
                        }
                    }
                    case PARITY -> {
                        if (f.lost().isEmpty()) {
                            out.add(Impact.of(at, f.length(), "md-parity", where, false, "nothing: parity, and the "
                                    + "data it protects is readable"));
                        }
                        for (MemberUse.ArrayRange r : f.lost()) {
                            arrayLoss(a, r.offset(), r.end(), ImageAt.fixed(at, f.length()), where
                                    + " protecting array bytes " + r.offset() + ".." + r.end(), out);
                        }
                    }
                    default -> throw new IllegalStateException(f.kind().toString());
                }
            }
        }
    }

    /** How bytes of {@code role} that it cannot give are given back: "read from the copy on X", "rebuilt from ...". */
    private static String healed(MdArraySource src, int role, List<Integer> from) {
        if (from.isEmpty()) {
            return "given back by the other members";
        }
        List<String> names = from.stream().map(src::roleName).toList();
        if (from.size() == 1 && from.get(0) == role) {
            return "this member's bytes are readable";
        }
        return src.layout() instanceof io.qrescue.recovery.stack.md.ParityLayout
                ? "rebuilt from " + String.join(", ", names) + " (parity)"
                : "read from the copy on " + String.join(", ", names);
    }

    /**
     * Lost array bytes {@code [from, to)} of {@code a}, whose image place is {@code at}: what they cost in the LVs
     * on the array, or in its PV's free space.
     */
    private void arrayLoss(ArrayNode a, long from, long to, ImageAt at, String where, List<Impact> out) {
        List<Block> claimed = new ArrayList<>();
        for (LvPlace p : lvPlaces) {
            if (p.placement().array() != a.source()) {
                continue;
            }
            for (Extent piece : p.placement().toImage().reverse(from, to - from)) {
                long delta = piece.physicalStart() - piece.logicalStart();
                lvImpacts(p, piece.logicalStart(), piece.logicalEnd(), at.fixedFrom() >= 0 ? at
                        : ImageAt.linear(at.delta() + delta), out);
                claimed.add(Block.between(piece.physicalStart(), piece.physicalStart() + piece.length()));
            }
        }
        for (Block r : Ranges.of(from, to).minus(Ranges.union(claimed)).blocks()) {
            PvNode pv = a.pv();
            String what = where + ", array bytes " + r.pos() + ".." + r.end();
            if (pv == null) {
                out.add(Impact.of(at.from(r.pos()), at.length(r.pos(), r.end()), "unanalysed", what, true, "unknown: "
                        + a.array().displayName() + " holds no LVM PV this tool reads"));
                continue;
            }
            long peStart = pv.scan().label() == null ? 0 : Math.max(0, pv.scan().label().dataStartBytes());
            long peEnd = pvDataEnd(pv, peStart);
            Ranges range = Ranges.of(r.pos(), r.end());
            for (Block x : range.intersect(peStart, peEnd).blocks()) {
                out.add(Impact.of(at.from(x.pos()), at.length(x.pos(), x.end()), "unallocated-extents", what, false,
                        "nothing: unallocated VG extents"));
            }
            for (Block x : range.minus(Ranges.of(peStart, peEnd)).blocks()) {
                out.add(Impact.of(at.from(x.pos()), at.length(x.pos(), x.end()), "pv-unused", what, false,
                        "nothing: PV space outside metadata and extents"));
            }
        }
    }

    private static Impact metadataImpact(MetadataRegion m, long s, long e, MetadataRegion survivor) {
        String copy = survivor == null ? null : survivor.structure() + " at byte " + survivor.offsetBytes()
                + (survivor.imageIndex() != m.imageIndex() ? " of image " + survivor.imageIndex() : "");
        String cost;
        boolean lost = survivor == null;
        switch (m.kind()) {
            case "partition-table" -> cost = lost ? "partition table lost: partitions must be found by scanning"
                    : "nothing while the other copy is readable (" + copy + ")";
            case "md-superblock" -> cost = lost ? "md superblock lost and no other member's survives: the array must"
                    + " be assembled by hand" : "nothing: another member's superblock is readable (" + copy + ")";
            case "lvm-label" -> cost = lost ? "PV label lost: the PV must be found by scanning for its metadata"
                    : "nothing: the label survives on another member (" + copy + ")";
            case "lvm-mda-header" -> cost = lost ? "mda header lost and no other PV or member has one: lvm cannot find"
                    + " the metadata text (a scan for it still can)" : "nothing: another mda header of the VG is readable ("
                    + copy + ")";
            case "luks-header" -> cost = lost ? "LUKS header lost: the whole volume cannot be decrypted without a"
                    + " header backup" : "nothing: another copy of the LUKS header is readable (" + copy + ")";
            case "luks-key-material" -> cost = lost ? "key slot lost (its key material is unreadable): the whole"
                    + " volume unless another key slot opens" : "nothing: the key material survives on another member ("
                    + copy + ")";
            case "lvm-metadata-text" -> cost = lost ? "VG metadata lost: no readable copy left"
                    + " (use an older generation or the md9 backup)" : "nothing: another copy of the VG metadata is"
                    + " readable (" + copy + ")";
            default -> {
                lost = false;
                cost = switch (m.kind()) {
                    case "lvm-metadata-area" -> "nothing for the current metadata: older generations only";
                    case "drbd-metadata" -> "nothing for reading the data: DRBD metadata";
                    default -> "nothing for reading the data: " + m.structure();
                };
            }
        }
        return Impact.of(s, e - s, m.kind(), m.structure(), lost, cost);
    }

    /** LV bytes {@code [lvFrom, lvTo)} of {@code p}, lost, whose image bytes {@code at} gives. */
    private void lvImpacts(LvPlace p, long lvFrom, long lvTo, ImageAt at, List<Impact> out) {
        String lvName = p.vg().name() + "/" + p.lv().name();
        switch (p.role()) {
            case THIN_METADATA -> tmetaImpacts(p, lvFrom, lvTo, at, out);
            case THIN_DATA -> dataImpacts(p, lvFrom, lvTo, at, out);
            case VOLUME -> out.add(new Impact(at.from(lvFrom), at.length(lvFrom, lvTo), LvRole.VOLUME.impactKind,
                    "data of " + lvName, lvName, lvFrom, lvTo - lvFrom, true, "loses " + lvName + " bytes "
                    + span(lvFrom, lvTo) + " (data)"));
            case HIDDEN -> out.add(Impact.of(at.from(lvFrom), at.length(lvFrom, lvTo), LvRole.HIDDEN.impactKind,
                    "hidden LV " + lvName + " bytes " + lvFrom + ".." + lvTo, false, p.lv().name().endsWith("_pmspare")
                    ? "nothing: spare pool-metadata LV (only used by repairs)"
                    : "nothing for the user volumes: hidden LV " + lvName));
        }
    }

    private void tmetaImpacts(LvPlace p, long from, long to, ImageAt at, List<Impact> out) {
        PoolAnalysis pool = p.pool();
        NavigableMap<Long, List<MetadataLoss>> losses = lossesByBlock.get(pool);
        if (losses == null) {
            noSuperblockImpacts(pool, from, to, at, out);
            return;
        }
        long bs = pool.metadata().blockSizeBytes();
        long unusedStart = -1;
        long unusedEnd = -1;
        for (Map.Entry<Long, List<MetadataLoss>> e : losses.subMap(from / bs, true, (to - 1) / bs, true).entrySet()) {
            long block = e.getKey();
            long s = Math.max(from, block * bs);
            long t = Math.min(to, (block + 1) * bs);
            for (MetadataLoss loss : e.getValue()) {
                if (loss.role().kind() == BlockKind.UNUSED) {
                    if (unusedStart >= 0 && s == unusedEnd) {
                        unusedEnd = t;
                    } else {
                        flushUnused(pool, unusedStart, unusedEnd, at, bs, out);
                        unusedStart = s;
                        unusedEnd = t;
                    }
                    continue;
                }
                String structure = "tmeta block " + block + " of pool " + pool.name() + ": " + roleText(loss);
                if (loss.lostVolumeRanges().isEmpty()) {
                    boolean superLost = loss.role().kind() == BlockKind.SUPERBLOCK;
                    out.add(Impact.of(at.from(s), at.length(s, t), "thin-metadata", structure, superLost, loss.effect()));
                    continue;
                }
                for (VolumeRange found : loss.lostVolumeRanges()) {
                    VolumeRange vr = clampToVolume(pool, found);
                    if (vr.lengthBytes() <= 0) {
                        continue;
                    }
                    String name = pool.volumeName(vr.deviceId());
                    String range = name + " bytes " + span(vr.offsetBytes(), vr.endBytes()) + " (" + roleText(loss)
                            + (loss.mappingsUnknown() ? " unreadable" : "") + ")";
                    SalvagedDevice salvaged = pool.salvaged(vr.deviceId());
                    Cost cost = salvaged == null ? new Cost(true, "loses " + range)
                            : salvagedCost(salvaged, range, vr, pool.metadata().dataBlockSizeBytes());
                    out.add(new Impact(at.from(s), at.length(s, t), "thin-metadata", structure, name, vr.offsetBytes(),
                            vr.lengthBytes(), cost.lost(), cost.text()));
                }
            }
        }
        flushUnused(pool, unusedStart, unusedEnd, at, bs, out);
    }

    /**
     * What a metadata loss costs volume range {@code vr} once {@link io.qrescue.recovery.stack.thin.ThinSalvage}
     * rebuilt the device's mapping: nothing where the salvage vouches for every mapping, else the doubt its bytes
     * carry (marked unknown in every output), or a loss where no surviving node holds them.
     */
    private static Cost salvagedCost(SalvagedDevice salvaged, String range, VolumeRange vr, long dataBlockBytes) {
        long keyFrom = vr.offsetBytes() / dataBlockBytes;
        long keyTo = (vr.endBytes() + dataBlockBytes - 1) / dataBlockBytes;
        EnumSet<MappingDoubt.Kind> kinds = EnumSet.noneOf(MappingDoubt.Kind.class);
        for (MappingDoubt d : salvaged.doubts()) {
            if (d.keyFrom() < keyTo && d.keyTo() > keyFrom) {
                kinds.add(d.kind());
            }
        }
        if (kinds.isEmpty()) {
            return new Cost(false, "nothing: the thin salvage rebuilt the mapping of " + range + " ("
                    + salvaged.summary() + ")");
        }
        if (kinds.contains(MappingDoubt.Kind.LOST)) {
            return new Cost(true, "loses " + range + " (no surviving metadata node maps all of them; "
                    + salvaged.summary() + ")");
        }
        return new Cost(true, "puts " + range + " in doubt: the thin salvage mapped them from "
                + (kinds.contains(MappingDoubt.Kind.STALE) ? "an older copy of the metadata (may be stale)"
                        : "one of several disagreeing candidates (ambiguous)")
                + ", so they are marked unknown; more retries here may bring back the current mapping");
    }

    /** What a damaged region costs one volume range: whether bytes are lost (or in doubt), and the words for it. */
    private record Cost(boolean lost, String text) {
    }

    /** {@code vr} cut to the thin LV's size from LVM (unreadable nodes lose their whole unbounded key range). */
    private VolumeRange clampToVolume(PoolAnalysis pool, VolumeRange vr) {
        Long size = volumeSizes.get(pool.name() + "#" + vr.deviceId());
        if (size == null || vr.endBytes() <= size) {
            return vr;
        }
        long start = Math.min(vr.offsetBytes(), size);
        return new VolumeRange(vr.deviceId(), start, size - start);
    }

    /**
     * Damage to the tmeta of a pool whose metadata has no readable superblock (and no valid backup): every thin
     * volume of the pool is lost unless the metadata is repaired; the superblock is named when the range holds it.
     */
    private void noSuperblockImpacts(PoolAnalysis pool, long from, long to, ImageAt at, List<Impact> out) {
        // The superblock is tmeta block 0; with 8 KiB QNAP blocks its checksummed bytes reach byte 8192.
        long superEnd = Math.min(to, 8192);
        String structure = from < superEnd ? "tmeta block 0 of pool " + pool.name() + ": superblock"
                : "thin metadata of pool " + pool.name() + " bytes " + from + ".." + to;
        String why = from < superEnd ? "thin superblock unreadable and no valid backup: every tree root is lost"
                : "pool metadata has no readable superblock";
        List<AnalyzedVolume> volumes = analysis.volumes().stream().filter(v -> v.isThin()
                && pool.name().equals(v.pool())).toList();
        if (volumes.isEmpty()) {
            out.add(Impact.of(at.from(from), at.length(from, to), "thin-metadata", structure, true, why
                    + ": every thin volume of " + pool.name() + " is lost unless the metadata is repaired"));
        }
        for (AnalyzedVolume v : volumes) {
            out.add(new Impact(at.from(from), at.length(from, to), "thin-metadata", structure, v.name(), 0, v.sizeBytes(), true,
                    "loses " + v.name() + " bytes " + span(0, v.sizeBytes()) + " unless the pool metadata is repaired ("
                    + why + ")"));
        }
    }

    private static void flushUnused(PoolAnalysis pool, long start, long end, ImageAt at, long bs, List<Impact> out) {
        if (start < 0) {
            return;
        }
        out.add(Impact.of(at.from(start), at.length(start, end), "thin-metadata", "unused tmeta blocks " + start / bs + ".."
                + (end + bs - 1) / bs + " of pool " + pool.name(), false,
                "nothing: free metadata blocks (at most older copies of nodes)"));
    }

    private static String roleText(MetadataLoss loss) {
        BlockRole role = loss.role();
        if (loss.mappingsUnknown() && (role.kind() == BlockKind.DEVICE_INTERNAL || role.kind() == BlockKind.DEVICE_LEAF)) {
            // Read from its parent only: whether it is a leaf is unknown.
            return role.keyFrom() == 0 && role.keyTo() == Long.MAX_VALUE ? "mapping tree root of device "
                    + role.deviceId() : "mapping node of device " + role.deviceId() + " (virtual blocks "
                    + role.keyFrom() + ".." + (role.keyTo() == Long.MAX_VALUE ? "end" : role.keyTo()) + ")";
        }
        if (loss.mappingsUnknown() && role.kind() == BlockKind.TOP_LEVEL_INTERNAL) {
            return "top-level mapping node";
        }
        return switch (loss.role().kind()) {
            case SUPERBLOCK -> "superblock";
            case SUPERBLOCK_BACKUP -> "superblock backup";
            case HELD_SUPERBLOCK -> "metadata snapshot superblock";
            case TOP_LEVEL_INTERNAL -> "top-level mapping internal node";
            case TOP_LEVEL_LEAF -> "top-level mapping leaf";
            case DEVICE_INTERNAL -> "mapping internal node of device " + loss.role().deviceId();
            case DEVICE_LEAF -> "mapping leaf of device " + loss.role().deviceId();
            case DEVICE_DETAILS_NODE -> "device-details node";
            case METADATA_SM_INDEX -> "metadata space-map index";
            case METADATA_SM_BITMAP -> "metadata space-map bitmap";
            case METADATA_SM_REF_COUNT_NODE -> "metadata space-map ref-count node";
            case DATA_SM_INDEX_NODE -> "data space-map index node";
            case DATA_SM_BITMAP -> "data space-map bitmap";
            case DATA_SM_REF_COUNT_NODE -> "data space-map ref-count node";
            case TIER_SM_INDEX_NODE, TIER_SM_BITMAP, TIER_SM_REF_COUNT_NODE -> "tier space-map block";
            case CLONE_TREE_NODE -> "clone tree node";
            case TIER_MAPPING_NODE -> "Qtier pool-mapping node";
            case UNUSED -> "unused block";
        };
    }

    private void dataImpacts(LvPlace p, long from, long to, ImageAt at, List<Impact> out) {
        PoolAnalysis pool = p.pool();
        String where = "pool " + pool.name() + " data (" + p.lv().name() + ")";
        if (pool.damage() == null || !pool.metadata().hasSuperblock()) {
            out.add(Impact.of(at.from(from), at.length(from, to), "thin-data", where + " bytes " + from + ".." + to, true,
                    "unknown: the pool metadata is unreadable, so which volume used these blocks is unknown"));
            return;
        }
        long dbs = pool.metadata().dataBlockSizeBytes();
        boolean tiered = pool.metadata().tierMap() != null || pool.node().data().size() > 1;
        List<Block> used = new ArrayList<>();
        if (tiered) {
            int bypass = pool.node().data().size() - 1;
            for (VolumeRange vr : pool.damage().volumesAtTier(p.tier(), from, to - from, bypass)) {
                volumeDataImpact(pool, vr, at.from(from), at.length(from, to), where, out);
            }
            long regionFrom = at.from(from);
            long regionTo = regionFrom + at.length(from, to);
            if (out.stream().noneMatch(i -> i.kind().equals("thin-data") && i.offsetBytes() >= regionFrom
                    && i.offsetBytes() < regionTo)) {
                out.add(Impact.of(at.from(from), at.length(from, to), "free-pool-blocks", where + " bytes " + from + ".." + to,
                        false, "nothing: no volume maps these tier blocks"));
            }
            return;
        }
        for (Block u : pool.dataUse().usedIn(from, to).blocks()) {
            used.add(u);
            for (VolumeRange vr : pool.damage().volumesAtData(u.pos(), u.size())) {
                volumeDataImpact(pool, vr, at.from(u.pos()), at.length(u.pos(), u.end()), where + " blocks " + u.pos() / dbs + ".."
                        + (u.end() + dbs - 1) / dbs, out);
            }
        }
        for (Block f : Ranges.of(from, to).minus(Ranges.union(used)).blocks()) {
            out.add(Impact.of(at.from(f.pos()), at.length(f.pos(), f.end()), "free-pool-blocks", where + " blocks " + f.pos() / dbs + ".."
                    + (f.end() + dbs - 1) / dbs, false, "nothing: free pool data blocks"));
        }
    }

    /** One volume range backed by data bytes at image {@code imageFrom} (several volumes share a block: one each). */
    private static void volumeDataImpact(PoolAnalysis pool, VolumeRange vr, long imageFrom, long length, String where,
            List<Impact> out) {
        String name = pool.volumeName(vr.deviceId());
        out.add(new Impact(imageFrom, length, "thin-data", where, name, vr.offsetBytes(), vr.lengthBytes(), true,
                "loses " + name + " bytes " + span(vr.offsetBytes(), vr.endBytes()) + " (data)"));
    }

    private void unusedImpacts(DiskNode disk, Ranges gaps, List<Impact> out) {
        int image = disk.index();
        Ranges left = gaps;
        // PVs on arrays are covered by arrayImpacts (their bytes are the array's)
        for (PvNode pv : analysis.stack().plainPvs()) {
            long peStart = pv.scan().label() == null ? 0 : Math.max(0, pv.scan().label().dataStartBytes());
            long peEnd = pvDataEnd(pv, peStart);
            for (Placement pl : pv.placements()) {
                if (pl.imageIndex() != image) {
                    continue;
                }
                List<Block> claimed = new ArrayList<>();
                for (Block g : left.blocks()) {
                    for (Extent piece : pl.toImage().reverse(g.pos(), g.size())) {
                        long at = piece.physicalStart() - piece.logicalStart();
                        Ranges pvRange = Ranges.of(piece.logicalStart(), piece.logicalEnd());
                        for (Block r : pvRange.intersect(peStart, peEnd).blocks()) {
                            out.add(Impact.of(at + r.pos(), r.size(), "unallocated-extents", "PV " + pv.label()
                                    + " bytes " + r.pos() + ".." + r.end(), false, "nothing: unallocated VG extents"));
                        }
                        for (Block r : pvRange.minus(Ranges.of(peStart, peEnd)).blocks()) {
                            out.add(Impact.of(at + r.pos(), r.size(), "pv-unused", "PV " + pv.label() + " bytes "
                                    + r.pos() + ".." + r.end(), false, "nothing: PV space outside metadata and extents"));
                        }
                        claimed.add(Block.between(piece.physicalStart(), piece.physicalStart() + piece.length()));
                    }
                }
                left = left.minus(Ranges.union(claimed));
            }
        }
        for (ArrayNode a : analysis.stack().arrays()) {
            for (MdMember m : a.array().members()) {
                if (m.imageIndex() != image) {
                    continue;
                }
                Ranges member = Ranges.of(m.startBytes(), m.startBytes() + m.sizeBytes());
                boolean read = a.readable() && m.used();
                long dataEnd = read ? m.dataStartBytes() + a.source().layout().memberBytes(m.role())
                        : m.startBytes() + m.sizeBytes();
                Ranges data = Ranges.of(m.dataStartBytes(), dataEnd);
                for (Block r : left.intersect(member).intersect(data).blocks()) {
                    if (!a.readable()) {
                        out.add(Impact.of(r.pos(), r.size(), "unanalysed", "array " + a.array().displayName()
                                + " data on " + m.label(), true, "unknown: " + a.array().displayName()
                                + " is not read (see its findings)"));
                    } else if (!m.used()) {
                        out.add(Impact.of(r.pos(), r.size(), "md-unused-member", "md member " + m.label(), false,
                                "nothing: " + a.array().displayName() + " does not read this member (" + m.state()
                                + ")"));
                    } else {
                        out.add(Impact.of(r.pos(), r.size(), "unanalysed", "array " + a.array().displayName()
                                + " data on " + m.label(), true, "unknown: " + a.array().displayName()
                                + " holds no LVM PV this tool reads (e.g. the QTS system array)"));
                    }
                }
                for (Block r : left.intersect(member).minus(data).blocks()) {
                    out.add(Impact.of(r.pos(), r.size(), "md-reserved", "md member " + m.label()
                            + " outside the array data", false, "nothing: md reserved space"));
                }
                left = left.minus(member);
            }
        }
        for (PartitionNode p : disk.partitions()) {
            if (p.partition() == null) {
                continue;
            }
            for (Block r : left.intersect(p.startBytes(), p.startBytes() + p.sizeBytes()).blocks()) {
                out.add(Impact.of(r.pos(), r.size(), "unanalysed", "partition " + p.label(), true,
                        "unknown: no md or LVM content recognised in " + p.label()));
            }
            left = left.minus(Ranges.of(p.startBytes(), p.startBytes() + p.sizeBytes()));
        }
        boolean partitioned = disk.partitions().stream().anyMatch(p -> p.partition() != null);
        for (Block r : left.intersect(0, disk.sizeBytes()).blocks()) {
            out.add(partitioned ? Impact.of(r.pos(), r.size(), "outside-partitions", "outside every partition of "
                    + disk.name(), false, "nothing: outside partitions")
                    : Impact.of(r.pos(), r.size(), "unanalysed", disk.name(), true,
                    "unknown: nothing recognised on the image here"));
        }
    }

    /** End of the PV's extents (pe_start + pe_count extents) from its VG's metadata; the PV end when unknown. */
    private long pvDataEnd(PvNode pv, long peStart) {
        for (VgNode vg : analysis.stack().volumeGroups()) {
            for (Map.Entry<String, PvNode> e : vg.pvs().entrySet()) {
                if (e.getValue() == pv && vg.vg() != null && vg.vg().pv(e.getKey()) != null) {
                    long count = vg.vg().pv(e.getKey()).peCount();
                    return count < 0 ? pv.sizeBytes() : Math.min(pv.sizeBytes(), peStart + count * vg.vg().extentSizeBytes());
                }
            }
        }
        return pv.sizeBytes();
    }

    private VolumeHealth health(AnalyzedVolume v) {
        long size = v.sizeBytes();
        Ranges mapped;
        Ranges dataLost;
        if (v.placements().isEmpty()) {
            mapped = v.mappedBytes() > 0 ? Ranges.of(0, size) : Ranges.EMPTY;
            dataLost = Ranges.of(0, size);
        } else {
            List<Block> m = new ArrayList<>();
            for (Extent e : v.placements().get(0).toImage().extents()) {
                if (!e.isHole()) {
                    m.add(Block.between(e.logicalStart(), e.logicalEnd()));
                }
            }
            mapped = Ranges.union(m);
            dataLost = lost(v.placements(), 0, size);
        }
        Ranges metaLost = Ranges.EMPTY;
        Ranges unknown = Ranges.EMPTY;
        if (v.isThin()) {
            PoolAnalysis pool = analysis.pools().stream().filter(p -> p.name().equals(v.pool())).findFirst()
                    .orElse(null);
            NavigableMap<Long, List<MetadataLoss>> losses = pool == null ? null : lossesByBlock.get(pool);
            SalvagedDevice salvaged = pool == null ? null : pool.salvaged(v.deviceId());
            if (salvaged != null) {
                // The salvage replaced the normal reader's losses: its doubts are the volume's doubts, counted below.
            } else if (losses == null) {
                metaLost = Ranges.of(0, size);
                unknown = metaLost;
            } else {
                List<Block> r = new ArrayList<>();
                List<Block> u = new ArrayList<>();
                for (List<MetadataLoss> list : losses.values()) {
                    for (MetadataLoss loss : list) {
                        for (VolumeRange vr : loss.lostVolumeRanges()) {
                            if (vr.deviceId() == v.deviceId() && vr.offsetBytes() < size) {
                                Block range = Block.between(vr.offsetBytes(), Math.min(size, vr.endBytes()));
                                r.add(range);
                                if (loss.mappingsUnknown()) {
                                    u.add(range);
                                }
                            }
                        }
                    }
                }
                metaLost = Ranges.union(r);
                unknown = Ranges.union(u);
            }
        }
        // Runs whose placement the metadata cannot vouch for are lost to metadata, their mapping unknown.
        Ranges doubted = Ranges.union(v.doubts().stream().map(d -> new Block(d.offset(), d.length())).toList());
        metaLost = metaLost.union(doubted);
        unknown = unknown.union(doubted);
        Ranges lost = dataLost.union(metaLost).intersect(0, size);
        // Where the mapping is unknown nothing was seen as mapped: those bytes are neither mapped nor unmapped.
        unknown = unknown.intersect(0, size).minus(mapped);
        long mappedBytes = mapped.totalBytes();
        return new VolumeHealth(v.name(), size, mappedBytes, size - lost.totalBytes(),
                mappedBytes - lost.intersect(mapped).totalBytes(), dataLost.intersect(0, size).totalBytes(),
                metaLost.intersect(0, size).totalBytes(), unknown.totalBytes());
    }

    static String span(long from, long to) {
        return Sizes.human(from) + ".." + Sizes.human(to);
    }
}
