package io.qrescue.recovery.analysis;

import io.qrescue.recovery.source.Damage;
import io.qrescue.recovery.source.Doubts;
import io.qrescue.recovery.source.Extent;
import io.qrescue.recovery.source.ExtentMap;
import io.qrescue.recovery.source.Readability;
import io.qrescue.recovery.source.RescuedImage;
import io.qrescue.recovery.stack.LvNode;
import io.qrescue.recovery.stack.NamedImage;
import io.qrescue.recovery.stack.Placement;
import io.qrescue.recovery.stack.PoolNode;
import io.qrescue.recovery.stack.StackScanner;
import io.qrescue.recovery.stack.StorageStack;
import io.qrescue.recovery.stack.VgNode;
import io.qrescue.recovery.stack.finding.Finding;
import io.qrescue.recovery.stack.lvm.LvSegment;
import io.qrescue.recovery.stack.lvm.SegmentType;
import io.qrescue.recovery.stack.thin.MappingDoubt;
import io.qrescue.recovery.stack.thin.MetadataDamage;
import io.qrescue.recovery.stack.thin.SalvagedDevice;
import io.qrescue.recovery.stack.thin.SalvagedPool;
import io.qrescue.recovery.stack.thin.ThinFinding;
import io.qrescue.recovery.stack.thin.ThinMetadata;
import io.qrescue.recovery.stack.thin.ThinSalvage;
import io.qrescue.recovery.stack.thin.TierMap;
import io.qrescue.recovery.stack.luks.LuksHeaderReader;
import io.qrescue.recovery.stack.luks.LuksProbe;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The whole stack of a set of images (the members of one NAS): the scanned tree, each thin pool's metadata and
 * every user volume placed on image bytes (thin → tdata → LV → PV → md → partition → image, composed with
 * {@link ExtentMap#through}), the LUKS header of every encrypted volume, with every finding at image offsets.
 * Never throws on corrupt input.
 */
public final class StackAnalysis {

    private final List<NamedImage> images;
    private final StorageStack stack;
    private final List<PoolAnalysis> pools;
    private final List<AnalyzedVolume> volumes;
    private final List<Finding> findings;
    private final Map<String, LuksProbe> luks;

    private StackAnalysis(List<NamedImage> images, StorageStack stack, List<PoolAnalysis> pools,
            List<AnalyzedVolume> volumes, List<Finding> findings, Map<String, LuksProbe> luks) {
        this.images = List.copyOf(images);
        this.stack = stack;
        this.pools = List.copyOf(pools);
        this.volumes = List.copyOf(volumes);
        this.findings = List.copyOf(findings);
        this.luks = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(luks));
    }

    /** Scans {@code images} and reads every thin pool found on them. */
    public static StackAnalysis analyze(List<NamedImage> images) {
        StorageStack stack = StackScanner.scan(images);
        List<Finding> findings = new ArrayList<>(stack.allFindings());
        List<PoolAnalysis> pools = new ArrayList<>();
        List<AnalyzedVolume> volumes = new ArrayList<>();
        for (VgNode vg : stack.volumeGroups()) {
            Map<String, PoolAnalysis> poolByName = new LinkedHashMap<>();
            for (PoolNode p : vg.pools()) {
                PoolAnalysis pa = readPool(vg, p, findings);
                pools.add(pa);
                poolByName.put(p.pool().name(), pa);
            }
            for (LvNode lv : vg.lvs()) {
                AnalyzedVolume v = volume(vg, lv, poolByName, findings);
                if (v != null) {
                    volumes.add(v);
                }
            }
        }
        return new StackAnalysis(images, stack, pools, volumes, findings, luksHeaders(volumes, findings));
    }

    /** The LUKS header at byte 0 of each placed volume that has one, read through its preferred placement. */
    private static Map<String, LuksProbe> luksHeaders(List<AnalyzedVolume> volumes, List<Finding> findings) {
        Map<String, LuksProbe> out = new LinkedHashMap<>();
        for (AnalyzedVolume v : volumes) {
            if (v.placements().isEmpty()) {
                continue;
            }
            Placement p = v.placements().get(0);
            // through the volume's damage and doubts: a header on bytes that are not good is never parsed
            LuksProbe probe = LuksHeaderReader.read(v.open());
            long at = imageOffset(p, 0);
            if (!probe.found()) {
                if (probe.problem() != null) {
                    findings.add(Finding.warning("LUKS header", at, v.name() + ": " + probe.problem()));
                }
                continue;
            }
            out.put(v.name(), probe);
            if (probe.header() == null) {
                findings.add(Finding.error("LUKS header", at, v.name() + ": " + probe.problem()));
            } else if (probe.header().cipherProblem() != null) {
                findings.add(Finding.error("LUKS header", at, v.name() + ": " + probe.header().cipherProblem()));
            }
            for (String note : probe.notes()) {
                findings.add(Finding.warning("LUKS header", at, v.name() + ": " + note));
            }
        }
        return out;
    }

    private static PoolAnalysis readPool(VgNode vg, PoolNode p, List<Finding> findings) {
        Map<Long, String> names = new LinkedHashMap<>();
        for (LvNode t : p.thinVolumes()) {
            names.put(t.lv().firstSegment().deviceId(), vg.name() + "/" + t.name());
        }
        if (p.tmeta() == null || p.tmeta().placements().isEmpty()) {
            findings.add(Finding.error("thin pool", 0, "pool " + vg.name() + "/" + p.pool().name()
                    + ": its metadata LV cannot be placed on the images; thin volumes are not readable"));
            return new PoolAnalysis(vg.name(), p, null, null, names, DataUse.of(null), null);
        }
        ThinMetadata md = ThinMetadata.read(p.tmeta().open());
        Placement tmetaPlacement = p.tmeta().placements().get(0);
        String poolName = vg.name() + "/" + p.pool().name();
        for (ThinFinding f : md.findings()) {
            findings.add(new Finding(f.severity(), "thin pool " + poolName + " " + f.structure(),
                    imageOffset(tmetaPlacement, f.offsetBytes()), f.problem() + " (tmeta byte " + f.offsetBytes() + ")"));
        }
        if (md.hasSuperblock()) {
            long tmetaBase = imageOffset(tmetaPlacement, 0);
            if (md.superblock().transactionId() != p.transactionId()) {
                findings.add(Finding.warning("thin superblock", tmetaBase, "pool " + poolName + ": superblock "
                        + "transaction " + md.superblock().transactionId() + ", LVM metadata says " + p.transactionId()));
            }
            if (p.chunkSizeSectors() > 0 && md.superblock().dataBlockSizeSectors() != p.chunkSizeSectors()) {
                findings.add(Finding.error("thin superblock", tmetaBase, "pool " + poolName + ": data block size "
                        + md.superblock().dataBlockSizeSectors() + " sectors, LVM chunk_size " + p.chunkSizeSectors()
                        + "; the kernel refuses such a pool"));
            }
            long dataBytes = md.superblock().dataSpaceMap().nrBlocks() * md.dataBlockSizeBytes();
            long dataLvBytes = p.data().stream().mapToLong(LvNode::sizeBytes).sum();
            if (!p.data().isEmpty() && md.tierMap() == null && dataBytes > dataLvBytes) {
                findings.add(Finding.error("thin superblock", tmetaBase, "pool " + poolName + ": metadata counts "
                        + dataBytes + " bytes of data blocks but the data LV holds " + dataLvBytes
                        + "; blocks past it cannot be read"));
            }
            names.forEach((dev, name) -> {
                if (!md.deviceRoots().containsKey(dev)) {
                    findings.add(Finding.error("thin top-level mapping tree", tmetaBase, name + " (device " + dev
                            + ") has no mapping tree in the pool metadata"));
                }
            });
        }
        SalvagedPool salvage = null;
        if (ThinSalvage.isNeeded(md)) {
            salvage = ThinSalvage.salvage(p.tmeta().open(), md, hints(p));
            String pool = vg.name() + "/" + p.pool().name();
            long tmetaBase = imageOffset(tmetaPlacement, 0);
            findings.add(Finding.warning("thin pool", tmetaBase, "pool " + pool + ": metadata damaged; mappings "
                    + "salvaged (superblock: " + salvage.superblockSource() + ")"));
            for (String note : salvage.notes()) {
                findings.add(Finding.warning("thin salvage", tmetaBase, "pool " + pool + ": " + note));
            }
            for (SalvagedDevice d : salvage.devices().values()) {
                if (d.rebuilt()) {
                    String name = names.getOrDefault(d.deviceId(), pool + " device " + d.deviceId());
                    findings.add(Finding.warning("thin salvage", tmetaBase, name + " (device " + d.deviceId() + "): "
                            + d.summary()));
                }
            }
        }
        return new PoolAnalysis(vg.name(), p, md, new MetadataDamage(md), names, DataUse.of(md), salvage);
    }

    /** What LVM says of a pool, for a salvage that may have no superblock. */
    private static ThinSalvage.Hints hints(PoolNode p) {
        Map<Long, Long> devices = new TreeMap<>();
        for (LvNode t : p.thinVolumes()) {
            LvSegment seg = t.lv().firstSegment();
            if (seg != null && seg.deviceId() >= 0) {
                devices.put(seg.deviceId(), Math.max(0, seg.transactionId()));
            }
        }
        long dataBytes = p.data().stream().mapToLong(LvNode::sizeBytes).sum();
        long chunkBytes = p.chunkSizeSectors() * 512;
        return new ThinSalvage.Hints(p.chunkSizeSectors(), p.transactionId(), chunkBytes > 0 ? dataBytes / chunkBytes : 0,
                new TreeMap<>(devices));
    }

    /** The image offset of volume byte {@code logical} (clamped to the volume) in {@code placement}, 0 when none. */
    private static long imageOffset(Placement placement, long logical) {
        long size = placement.toImage().logicalSize();
        return Math.max(0, placement.imageOffsetOf(Math.min(logical, Math.max(0, size - 1))));
    }

    private static AnalyzedVolume volume(VgNode vg, LvNode lv, Map<String, PoolAnalysis> pools, List<Finding> findings) {
        if (!lv.lv().visible() || lv.lv().firstSegment() == null) {
            return null;
        }
        String name = vg.name() + "/" + lv.name();
        SegmentType kind = lv.lv().kind();
        if (kind == SegmentType.STRIPED) {
            List<Placement> placements = withWholeDoubt(lv.placements(), lv.sizeBytes(), lv.doubt());
            return new AnalyzedVolume(name, vg.name(), lv.name(), "linear", null, -1, null, lv.sizeBytes(),
                    lv.sizeBytes(), placements, placements.isEmpty() ? name + " cannot be placed on the images "
                    + "(see the LVM findings)" : null);
        }
        LvSegment seg = lv.lv().firstSegment();
        if (seg.typeName() == null) {
            // a damaged text: the LV is there, what it is is not
            return new AnalyzedVolume(name, vg.name(), lv.name(), "unknown", null, -1, null, lv.sizeBytes(), 0,
                    List.of(), name + " cannot be read: its first segment has no type in the LVM metadata");
        }
        if (kind != SegmentType.THIN) {
            return null;
        }
        String origin = seg.origin();
        String what = origin != null ? "snapshot" : "thick".equals(seg.typeName()) ? "thick" : "thin";
        PoolAnalysis pool = seg.thinPool() == null ? null : pools.get(seg.thinPool());
        long dev = seg.deviceId();
        String poolName = vg.name() + "/" + seg.thinPool();
        if (seg.thinPool() == null || dev < 0) {
            return new AnalyzedVolume(name, vg.name(), lv.name(), what, origin, -1, seg.thinPool() == null ? null
                    : poolName, lv.sizeBytes(), 0, List.of(), name + " cannot be read: its segment names no "
                    + (seg.thinPool() == null ? "thin_pool" : "device_id") + " in the LVM metadata");
        }
        if (pool == null || pool.metadata() == null || !pool.metadata().hasSuperblock() && pool.salvage() == null) {
            // Same "vg/pool" name as a readable pool's volumes, so the damage report finds the pool.
            String why = pool == null ? "its pool " + poolName + " is not a thin pool of the VG"
                    : pool.metadata() == null ? "the metadata LV of pool " + poolName + " cannot be placed"
                    : "pool " + poolName + " has no readable thin superblock";
            return new AnalyzedVolume(name, vg.name(), lv.name(), what, origin, dev, poolName, lv.sizeBytes(), 0,
                    List.of(), name + " cannot be read: " + why);
        }
        ThinMetadata md = pool.metadata();
        SalvagedDevice salvaged = pool.salvaged(dev);
        ExtentMap poolMap;
        List<MappingDoubt> unsure;
        long dbs;
        if (salvaged != null || !md.hasSuperblock()) {
            // The salvage's mapping replaces the normal walk's: its doubts are what it could not rebuild for sure.
            SalvagedPool s = pool.salvage();
            dbs = s.dataBlockSizeBytes();
            poolMap = salvaged == null ? ExtentMap.builder().build(lv.sizeBytes()) : salvaged.poolDataMap(lv.sizeBytes(),
                    dbs, s.nrDataBlocks() > 0 ? s.nrDataBlocks() : Long.MAX_VALUE / Math.max(1, dbs));
            unsure = salvaged != null ? salvaged.doubts() : List.of(new MappingDoubt(dev, 0, Long.MAX_VALUE,
                    MappingDoubt.NO_BLOCK, "device " + dev + " not found in the salvaged metadata"));
        } else {
            dbs = md.dataBlockSizeBytes();
            poolMap = md.poolDataMap(dev, lv.sizeBytes());
            unsure = md.mappingDoubts(dev);
            if (md.mappedEndBytes(dev) > lv.sizeBytes()) {
                findings.add(Finding.warning("thin mapping tree", 0, name + " (device " + dev + ") maps blocks up to "
                        + "byte " + md.mappedEndBytes(dev) + ", past its LVM size " + lv.sizeBytes() + "; those are not "
                        + "part of the volume"));
            }
        }
        List<Damage> doubts = new ArrayList<>(thinDoubts(pool, unsure, dbs, lv.sizeBytes(), poolMap));
        List<String> reasons = new ArrayList<>();
        reasons.add(lv.doubt());
        reasons.add(pool.node().pool().doubt());
        reasons.add(pool.node().tmeta().doubt());
        pool.node().data().forEach(d -> reasons.add(d.doubt()));
        reasons.add(md.superblockDoubt());
        reasons.add(chunkSizeDoubt(pool, dbs));
        String whole = reasons.stream().filter(r -> r != null).findFirst().orElse(null);
        List<Placement> placements = withWholeDoubt(place(pool, poolMap, doubts, name, findings), lv.sizeBytes(),
                whole);
        long mapped = 0;
        for (Extent e : poolMap.extents()) {
            mapped += e.isHole() ? 0 : e.length();
        }
        return new AnalyzedVolume(name, vg.name(), lv.name(), what, origin, dev, poolName, lv.sizeBytes(), mapped,
                placements, placements.isEmpty() ? name + " cannot be placed: the data LV of pool " + poolName
                + " cannot be placed on the images" : null);
    }

    /**
     * The volume runs the pool metadata cannot vouch for, in volume bytes: {@code unsure} (the device's mapping
     * doubts, of the normal walk or of the salvage, in data blocks of {@code dbs} bytes) and the Qtier map's.
     */
    private static List<Damage> thinDoubts(PoolAnalysis pool, List<MappingDoubt> unsure, long dbs, long sizeBytes,
            ExtentMap poolMap) {
        ThinMetadata md = pool.metadata();
        List<Damage> out = new ArrayList<>();
        for (MappingDoubt d : unsure) {
            long from = clampedBytes(d.keyFrom(), dbs, sizeBytes);
            long to = clampedBytes(d.keyTo(), dbs, sizeBytes);
            if (from < to) {
                out.add(Damage.unknown(from, to - from, pool.name() + ": " + (d.kind() == MappingDoubt.Kind.LOST ? ""
                        : "thin mapping " + d.kind().label() + ": ") + d.cause()));
            }
        }
        TierMap tiers = md.tierMap();
        if (tiers != null) {
            for (MappingDoubt d : md.tierMapDoubts()) {
                long from = clampedBytes(d.keyFrom(), tiers.tierBlockSizeBytes(), Long.MAX_VALUE / 2);
                long to = clampedBytes(d.keyTo(), tiers.tierBlockSizeBytes(), Long.MAX_VALUE / 2);
                if (from < to) {
                    out.addAll(Doubts.through(poolMap, List.of(Damage.unknown(from, to - from, pool.name() + ": "
                            + d.cause() + ": which tier LV holds these pool blocks is unknown"))));
                }
            }
        }
        return Doubts.disjoint(out);
    }

    /** {@code key * unit} bytes, capped at {@code max} (keys run to Long.MAX_VALUE when nothing bounds them). */
    private static long clampedBytes(long key, long unit, long max) {
        if (unit <= 0) {
            return 0;
        }
        return key >= max / unit ? max : Math.min(max, key * unit);
    }

    private static String chunkSizeDoubt(PoolAnalysis pool, long dataBlockSizeBytes) {
        long meta = dataBlockSizeBytes / 512;
        long lvm = pool.node().chunkSizeSectors();
        return lvm > 0 && meta != lvm ? "pool " + pool.name() + ": the thin superblock's data block size (" + meta
                + " sectors) disagrees with LVM's chunk_size (" + lvm + ")" : null;
    }

    /** {@code placements} with the whole volume in doubt for {@code reason} (unchanged when it is null). */
    private static List<Placement> withWholeDoubt(List<Placement> placements, long sizeBytes, String reason) {
        if (reason == null) {
            return placements;
        }
        List<Placement> out = new ArrayList<>();
        for (Placement p : placements) {
            out.add(new Placement(p.imageIndex(), p.imageName(), p.image(), p.toImage(), Doubts.whole(sizeBytes,
                    reason)));
        }
        return out;
    }

    /**
     * The thin volume's pool-address map composed with the data LV(s) and their placements, one per member, with
     * {@code doubts} (volume bytes whose mapping is unknown) and every doubt of the layers below.
     */
    private static List<Placement> place(PoolAnalysis pool, ExtentMap poolMap, List<Damage> doubts, String name,
            List<Finding> findings) {
        List<LvNode> data = pool.node().data();
        if (data.isEmpty() || data.get(0).placements().isEmpty()) {
            return List.of();
        }
        TierMap tiers = pool.metadata().tierMap();
        if (tiers == null && data.size() == 1) {
            List<Placement> out = new ArrayList<>();
            for (Placement pl : data.get(0).placements()) {
                out.add(pl.under(poolMap, doubts, name + ": mapped to pool data blocks past the end of "
                        + data.get(0).name()));
            }
            return out;
        }
        // Qtier (or several data LVs): split pool addresses per tier LV, place each, merge by volume offset.
        // Bypass goes to the highest-numbered data LV (the reader's rule (b) in the format notes, unverified).
        Map<Integer, ExtentMap> perTier = tiers != null ? tiers.split(poolMap, data.size() - 1)
                : Map.of(0, poolMap);
        int members = data.get(0).placements().size();
        List<Placement> out = new ArrayList<>();
        for (int k = 0; k < members; k++) {
            List<Extent> pieces = new ArrayList<>();
            List<Damage> all = new ArrayList<>(doubts);
            Placement first = data.get(0).placements().get(k);
            for (Map.Entry<Integer, ExtentMap> e : perTier.entrySet()) {
                int tier = e.getKey();
                if (tier >= data.size() || data.get(tier).placements().size() <= k) {
                    findings.add(Finding.error("thin pool", 0, name + ": tier " + tier + " has no placed data LV"));
                    all.addAll(Doubts.lostThrough(e.getValue(), ExtentMap.builder().build(0), name + ": tier " + tier
                            + " has no placed data LV"));
                    continue;
                }
                if (data.get(tier).placements().get(k).image() != first.image()) {
                    findings.add(Finding.error("thin pool", 0, name + ": tier " + tier + " lies on "
                            + data.get(tier).placements().get(k).imageName() + ", tier 0 on " + first.imageName()
                            + "; tiers on different arrays or disks are not placed"));
                    return List.of();
                }
                Placement tierPlacement = data.get(tier).placements().get(k).under(e.getValue(), List.of(), name
                        + ": mapped past the end of " + data.get(tier).name());
                all.addAll(tierPlacement.doubts());
                for (Extent x : tierPlacement.toImage().extents()) {
                    if (!x.isHole()) {
                        pieces.add(x);
                    }
                }
            }
            pieces.sort(Comparator.comparingLong(Extent::logicalStart));
            ExtentMap.Builder b = ExtentMap.builder();
            pieces.forEach(b::add);
            out.add(new Placement(first.imageIndex(), first.imageName(), first.image(), b.build(poolMap.logicalSize()),
                    all));
        }
        return out;
    }

    public List<NamedImage> images() {
        return images;
    }

    /**
     * This analysis if every image was read with its mapfile ({@link RescuedImage}) or there is no md array to heal;
     * else the analysis of the same images read with {@code readability} (missing entries: every byte readable), so
     * that each array knows which member bytes it must rebuild.
     */
    public StackAnalysis readWith(List<Readability> readability) {
        if (stack.arrays().isEmpty() || images.stream().allMatch(i -> i.source() instanceof RescuedImage)) {
            return this;
        }
        List<NamedImage> rescued = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            NamedImage n = images.get(i);
            Readability r = i < readability.size() && readability.get(i) != null ? readability.get(i)
                    : Readability.allReadable();
            rescued.add(new NamedImage(n.name(), RescuedImage.of(n.name(), n.source(), r)));
        }
        return analyze(rescued);
    }

    /** The scanned tree (disks, partitions, arrays, PVs, VGs, LVs, pools). */
    public StorageStack stack() {
        return stack;
    }

    public List<PoolAnalysis> pools() {
        return pools;
    }

    /** User volumes (visible linear and thin LVs) in VG metadata order. */
    public List<AnalyzedVolume> volumes() {
        return volumes;
    }

    /** The pool of thin volume {@code v}, or null (a linear volume, or a pool not found). */
    public PoolAnalysis poolOf(AnalyzedVolume v) {
        return !v.isThin() ? null : pools.stream().filter(p -> p.name().equals(v.pool())).findFirst().orElse(null);
    }

    /** Thin volume {@code v} as the salvage of its damaged pool rebuilt it, or null when its pool was not salvaged. */
    public SalvagedDevice salvaged(AnalyzedVolume v) {
        PoolAnalysis p = poolOf(v);
        return p == null ? null : p.salvaged(v.deviceId());
    }

    /** The volume called {@code name} ("vg1/lv1"), or null. */
    public AnalyzedVolume volume(String name) {
        return volumes.stream().filter(v -> v.name().equals(name)).findFirst().orElse(null);
    }

    /** Every finding of the scan and of the thin metadata, at image offsets. */
    public List<Finding> findings() {
        return findings;
    }

    /** The LUKS header of every encrypted volume, by volume name, in volume order. */
    public Map<String, LuksProbe> luks() {
        return luks;
    }

    /** True when nothing at all was recognised on the images (no table, no md, no PV). */
    public boolean foundNothing() {
        return stack.arrays().isEmpty() && stack.plainPvs().isEmpty() && stack.volumeGroups().isEmpty()
                && stack.disks().stream().allMatch(d -> d.table().partitions().isEmpty());
    }
}
