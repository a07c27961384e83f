package io.qrescue.recovery.analysis;

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
import io.qrescue.recovery.stack.thin.MetadataDamage;
import io.qrescue.recovery.stack.thin.ThinFinding;
import io.qrescue.recovery.stack.thin.ThinMetadata;
import io.qrescue.recovery.stack.thin.TierMap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole stack of a set of images (the members of one NAS): the scanned tree, each thin pool's metadata and
 * every user volume placed on image bytes (thin → tdata → LV → PV → md → partition → image, composed with
 * {@link ExtentMap#through}), with every finding at image offsets. Never throws on corrupt input.
 */
public final class StackAnalysis {

    private final List<NamedImage> images;
    private final StorageStack stack;
    private final List<PoolAnalysis> pools;
    private final List<AnalyzedVolume> volumes;
    private final List<Finding> findings;

    private StackAnalysis(List<NamedImage> images, StorageStack stack, List<PoolAnalysis> pools,
            List<AnalyzedVolume> volumes, List<Finding> findings) {
        this.images = List.copyOf(images);
        this.stack = stack;
        this.pools = List.copyOf(pools);
        this.volumes = List.copyOf(volumes);
        this.findings = List.copyOf(findings);
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
        return new StackAnalysis(images, stack, pools, volumes, findings);
    }

    private static PoolAnalysis readPool(VgNode vg, PoolNode p, List<Finding> findings) {
        Map<Long, String> names = new LinkedHashMap<>();
        for (LvNode t : p.thinVolumes()) {
            names.put(t.lv().firstSegment().deviceId(), vg.name() + "/" + t.name());
        }
        if (p.tmeta() == null || p.tmeta().placements().isEmpty()) {
            findings.add(Finding.error("thin pool", 0, "pool " + vg.name() + "/" + p.pool().name()
                    + ": its metadata LV cannot be placed on the images; thin volumes are not readable"));
            return new PoolAnalysis(vg.name(), p, null, null, names, DataUse.of(null));
        }
        ThinMetadata md = ThinMetadata.read(p.tmeta().open());
        Placement tmetaPlacement = p.tmeta().placements().get(0);
        for (ThinFinding f : md.findings()) {
            findings.add(Finding.error("thin pool " + vg.name() + "/" + p.pool().name() + " " + f.structure(),
                    imageOffset(tmetaPlacement, f.offsetBytes()), f.problem() + " (tmeta byte " + f.offsetBytes() + ")"));
        }
        if (md.hasSuperblock()) {
            long tmetaBase = imageOffset(tmetaPlacement, 0);
            if (md.superblock().transactionId() != p.transactionId()) {
                findings.add(Finding.warning("thin superblock", tmetaBase, "pool " + vg.name() + "/" + p.pool().name()
                        + ": superblock transaction " + md.superblock().transactionId() + ", LVM metadata says "
                        + p.transactionId()));
            }
            if (p.chunkSizeSectors() > 0 && md.superblock().dataBlockSizeSectors() != p.chunkSizeSectors()) {
                findings.add(Finding.warning("thin superblock", tmetaBase, "pool " + vg.name() + "/" + p.pool().name()
                        + ": data block size " + md.superblock().dataBlockSizeSectors() + " sectors, LVM chunk_size "
                        + p.chunkSizeSectors()));
            }
            long dataBytes = md.superblock().dataSpaceMap().nrBlocks() * md.dataBlockSizeBytes();
            long dataLvBytes = p.data().stream().mapToLong(LvNode::sizeBytes).sum();
            if (!p.data().isEmpty() && md.tierMap() == null && dataBytes > dataLvBytes) {
                findings.add(Finding.error("thin superblock", tmetaBase, "pool " + vg.name() + "/" + p.pool().name()
                        + ": metadata counts " + dataBytes + " bytes of data blocks but the data LV holds "
                        + dataLvBytes + "; blocks past it cannot be read"));
            }
            names.forEach((dev, name) -> {
                if (!md.deviceRoots().containsKey(dev)) {
                    findings.add(Finding.error("thin top-level mapping tree", tmetaBase, name + " (device " + dev
                            + ") has no mapping tree in the pool metadata"));
                }
            });
        }
        return new PoolAnalysis(vg.name(), p, md, new MetadataDamage(md), names, DataUse.of(md));
    }

    /** The image offset of volume byte {@code logical} (clamped to the volume) in {@code placement}, 0 when none. */
    private static long imageOffset(Placement placement, long logical) {
        long size = placement.toLower().logicalSize();
        return Math.max(0, placement.imageOffsetOf(Math.min(logical, Math.max(0, size - 1))));
    }

    private static AnalyzedVolume volume(VgNode vg, LvNode lv, Map<String, PoolAnalysis> pools, List<Finding> findings) {
        if (!lv.lv().visible() || lv.lv().firstSegment() == null) {
            return null;
        }
        String name = vg.name() + "/" + lv.name();
        SegmentType kind = lv.lv().kind();
        if (kind == SegmentType.STRIPED) {
            return new AnalyzedVolume(name, vg.name(), lv.name(), "linear", null, -1, null, lv.sizeBytes(),
                    lv.sizeBytes(), lv.placements());
        }
        if (kind != SegmentType.THIN) {
            return null;
        }
        LvSegment seg = lv.lv().firstSegment();
        String origin = seg.origin();
        String what = origin != null ? "snapshot" : "thick".equals(seg.typeName()) ? "thick" : "thin";
        PoolAnalysis pool = pools.get(seg.thinPool());
        long dev = seg.deviceId();
        if (pool == null || pool.metadata() == null || !pool.metadata().hasSuperblock()) {
            // Same "vg/pool" name as a readable pool's volumes, so the damage report finds the pool.
            return new AnalyzedVolume(name, vg.name(), lv.name(), what, origin, dev, vg.name() + "/" + seg.thinPool(),
                    lv.sizeBytes(), 0, List.of());
        }
        ExtentMap poolMap = pool.metadata().poolDataMap(dev, lv.sizeBytes());
        List<Placement> placements = place(pool, poolMap, name, findings);
        long mapped = 0;
        for (Extent e : poolMap.extents()) {
            mapped += e.isHole() ? 0 : e.length();
        }
        return new AnalyzedVolume(name, vg.name(), lv.name(), what, origin, dev, vg.name() + "/" + seg.thinPool(),
                lv.sizeBytes(), mapped, placements);
    }

    /** The thin volume's pool-address map composed with the data LV(s) and their placements, one per member. */
    private static List<Placement> place(PoolAnalysis pool, ExtentMap poolMap, String name, List<Finding> findings) {
        List<LvNode> data = pool.node().data();
        if (data.isEmpty() || data.get(0).placements().isEmpty()) {
            return List.of();
        }
        TierMap tiers = pool.metadata().tierMap();
        if (tiers == null && data.size() == 1) {
            List<Placement> out = new ArrayList<>();
            for (Placement pl : data.get(0).placements()) {
                out.add(pl.under(poolMap));
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
            Placement first = data.get(0).placements().get(k);
            for (Map.Entry<Integer, ExtentMap> e : perTier.entrySet()) {
                int tier = e.getKey();
                if (tier >= data.size() || data.get(tier).placements().size() <= k) {
                    findings.add(Finding.error("thin pool", 0, name + ": tier " + tier + " has no placed data LV"));
                    continue;
                }
                Placement tierPlacement = data.get(tier).placements().get(k);
                if (tierPlacement.lower() != first.lower()) {
                    findings.add(Finding.error("thin pool", 0, name + ": tier " + tier + " lies on "
                            + tierPlacement.lowerName() + ", tier 0 on " + first.lowerName() + "; tiers on different"
                            + " arrays or disks are not placed"));
                    return List.of();
                }
                for (Extent x : e.getValue().through(tierPlacement.toLower()).extents()) {
                    if (!x.isHole()) {
                        pieces.add(x);
                    }
                }
            }
            pieces.sort(Comparator.comparingLong(Extent::logicalStart));
            ExtentMap.Builder b = ExtentMap.builder();
            pieces.forEach(b::add);
            out.add(new Placement(first.lower(), first.lowerName(), first.imageIndex(), b.build(poolMap.logicalSize())));
        }
        return out;
    }

    public List<NamedImage> images() {
        return images;
    }

    /**
     * This analysis if every image was read with its mapfile ({@link RescuedImage}), else the analysis of the same
     * images read with {@code readability} (missing entries: every byte readable).
     */
    public StackAnalysis readWith(List<Readability> readability) {
        if (images.stream().allMatch(i -> i.source() instanceof RescuedImage)) {
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

    /** The volume called {@code name} ("vg1/lv1"), or null. */
    public AnalyzedVolume volume(String name) {
        return volumes.stream().filter(v -> v.name().equals(name)).findFirst().orElse(null);
    }

    /** Every finding of the scan and of the thin metadata, at image offsets. */
    public List<Finding> findings() {
        return findings;
    }

    /** True when nothing at all was recognised on the images (no table, no md, no PV). */
    public boolean foundNothing() {
        return stack.arrays().isEmpty() && stack.plainPvs().isEmpty() && stack.volumeGroups().isEmpty()
                && stack.disks().stream().allMatch(d -> d.table().partitions().isEmpty());
    }
}
