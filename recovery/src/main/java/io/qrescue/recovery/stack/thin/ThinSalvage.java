package io.qrescue.recovery.stack.thin;

import io.qrescue.recovery.source.ImageSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Rebuilds a thin pool's mappings when its metadata is damaged, upstream or QNAP layout, beside the normal reader.
 * One scan keeps every valid btree node; the rebuild then trusts, in this order: the live trees of the superblock in
 * use (the primary, or QNAP's newest backup as the normal reader chose it) and the current subtrees orphaned by a
 * lost node (live in the metadata space map, with fewer surviving parents than their count), re-attached under
 * the lost node whose key range alone can hold them, or to the device whose details' mapped-block count alone they
 * match; then older copy-on-write copies, newest first: the metadata snapshot, QNAP's older backups, older
 * top-level copies and the older roots they name. Without any superblock the newest intact state is chosen by
 * mapping time and allocation order.
 *
 * <p>The stale-copy rule: a mapping is verified only when it comes from the live trees or from a current orphan
 * attached without doubt. What comes from an older copy, from nodes whose liveness is unknown, or from a choice
 * between candidates that disagree is extracted but marked ({@link MappingDoubt}) with every candidate named;
 * where every candidate agrees it is verified. Work is bounded by a budget of node visits proportional to the
 * metadata size.
 */
public final class ThinSalvage {

    /** What the LVM metadata says of the pool (0 / empty when unknown). */
    public record Hints(long dataBlockSizeSectors, long transactionId, long nrDataBlocks,
            SortedMap<Long, Long> deviceTransactions) {

        public Hints {
            deviceTransactions = Collections.unmodifiableSortedMap(new TreeMap<>(deviceTransactions));
        }

        public static Hints none() {
            return new Hints(0, 0, 0, new TreeMap<>());
        }
    }

    /** Older states tried per gap, newest first. */
    private static final int MAX_OLD_SOURCES = 32;
    private static final long VISITS_PER_BLOCK = 24;

    /** Lost nodes of the current device trees, by block (a node shared by snapshots is one group). */
    private static final class HoleGroup {
        final long block;
        final List<long[]> refs = new ArrayList<>(); // {device, from, to}
        long from = 0;
        long to = Long.MAX_VALUE;

        HoleGroup(long block) {
            this.block = block;
        }
    }

    /** An older state: where it comes from, its rank (0 newest) and each device's root in it. */
    private record OldState(String label, long rank, Map<Long, Long> roots) {
    }

    private final NodeScan scan;
    private final Hints hints;
    private final SalvageWalk walk;
    private final List<String> notes = new ArrayList<>();
    private final SortedMap<Long, DeviceBuild> builds = new TreeMap<>();
    private final SortedMap<Long, DeviceDetails> details = new TreeMap<>();
    /** Devices whose record was read from the current details tree. */
    private final Set<Long> currentDetails = new TreeSet<>();
    private final Set<Long> reached = new HashSet<>();
    private final Map<Long, HoleGroup> holes = new LinkedHashMap<>();
    private final Map<Long, SubtreeWalk> subtrees = new HashMap<>();
    private final Map<Long, SubtreeWalk> rootTrees = new HashMap<>();
    private final Map<Long, Integer> usedParents = new HashMap<>();
    private final SortedMap<Long, Long> currentRoots = new TreeMap<>();
    private final List<long[]> topLevelHoles = new ArrayList<>();
    private ThinSuperblock superblock;
    private String superblockSource;
    private String detailsSource = "current device-details tree";
    private boolean detailsCurrent;
    private boolean orphansTrusted = true;
    private Liveness live = Liveness.unknown();
    private SpaceMap dataSpaceMap;
    private long cursor;
    private long timeMask = 0xFF_FFFFL;

    private ThinSalvage(NodeScan scan, Hints hints) {
        this.scan = scan;
        this.hints = hints;
        this.walk = new SalvageWalk(scan, VISITS_PER_BLOCK * Math.max(1, scan.deviceBlocks()) + 100_000);
    }

    /**
     * Rebuilds the pool whose metadata LV is {@code tmeta}; {@code normal} is the normal reader's view of it (its
     * superblock choice is kept), {@code hints} what LVM says. Never throws on corrupt input.
     */
    public static SalvagedPool salvage(ImageSource tmeta, ThinMetadata normal, Hints hints) {
        ThinSuperblock sb = normal != null && normal.hasSuperblock() && normal.superblock().checksumValid()
                && normal.superblock().looksValid() ? normal.superblock() : null;
        NodeScan scan = sb != null ? NodeScan.scan(tmeta, sb.blockSizeBytes()) : NodeScan.scanDetectingBlockSize(tmeta);
        ThinSalvage s = new ThinSalvage(scan, hints);
        if (sb != null) {
            s.fromSuperblock(sb);
            s.keepDoubtsOfReadNodes(normal);
        } else {
            s.withoutSuperblock();
        }
        s.fillFromOlderCopies();
        s.checkDataSpaceMap();
        if (s.walk.exhausted()) {
            s.notes.add("the salvage stopped at its work limit; what it did not reach is marked lost");
        }
        return s.result();
    }

    /**
     * The normal walk's doubts that no lost node explains (a node reached as two kinds, a mapping past the pool's
     * data, a pointer outside the device or met twice): the salvage reads the same nodes, so it cannot vouch for those
     * ranges either, and they stay marked.
     */
    private void keepDoubtsOfReadNodes(ThinMetadata normal) {
        Set<Long> lost = normal.liveBlocks().unreadableBlocks();
        for (long dev : normal.deviceRoots().keySet()) {
            for (MappingDoubt d : normal.mappingDoubts(dev)) {
                if (!lost.contains(d.blockNr())) {
                    build(dev).doubt(d.keyFrom(), d.keyTo(), d.kind(), d.cause());
                }
            }
        }
    }

    /**
     * True when the normal reader could not read the pool whole: no valid superblock, or a lost or invalid node of
     * the device-details, top-level or a device's mapping tree. Space-map damage alone costs no mapping.
     */
    public static boolean isNeeded(ThinMetadata normal) {
        if (!normal.hasSuperblock() || !normal.superblock().checksumValid() || !normal.superblock().looksValid()) {
            return true;
        }
        for (long b : normal.liveBlocks().unreadableBlocks()) {
            for (BlockRole r : normal.liveBlocks().rolesOf(b)) {
                switch (r.kind()) {
                    case TOP_LEVEL_INTERNAL, TOP_LEVEL_LEAF, DEVICE_INTERNAL, DEVICE_LEAF, DEVICE_DETAILS_NODE -> {
                        return true;
                    }
                    default -> {
                    }
                }
            }
        }
        return false;
    }

    /** {@link #salvage(ImageSource, ThinMetadata, Hints)} with the normal reader run here. */
    public static SalvagedPool salvage(ImageSource tmeta, Hints hints) {
        return salvage(tmeta, ThinMetadata.read(tmeta), hints);
    }

    // ---------------------------------------------------------------- with a superblock

    private void fromSuperblock(ThinSuperblock sb) {
        superblock = sb;
        superblockSource = sb.blockNr() == 0 ? "primary superblock" : "QNAP backup superblock at block " + sb.blockNr()
                + " (backup_id " + sb.backupId() + ")";
        timeMask = sb.isQnap() ? 0x3F_FFFFL : 0xFF_FFFFL;
        MetadataBlocks blocks = scan.blocks();
        Findings ignored = new Findings();
        BTreeWalk bw = new BTreeWalk(blocks, ignored);
        MetadataBlockMap.Builder unused = MetadataBlockMap.builder();
        SpaceMap metadataSm = SpaceMap.readMetadata(sb.metadataSpaceMap(), blocks, bw, ignored, unused);
        dataSpaceMap = SpaceMap.readDisk("data space map", sb.dataSpaceMap(), BlockKind.DATA_SM_INDEX_NODE,
                BlockKind.DATA_SM_BITMAP, BlockKind.DATA_SM_REF_COUNT_NODE, BlockRole.NO_DEVICE, blocks, bw, ignored,
                unused);
        cursor = sb.metadataSpaceMap().bitmapRoot() + 1;
        detailsCurrent = readDetails(sb.deviceDetailsRoot(), true, details);
        currentDetails.addAll(details.keySet());
        readTopLevel(sb.dataMappingRoot());
        for (Map.Entry<Long, Long> e : currentRoots.entrySet()) {
            walkCurrentDevice(e.getKey(), e.getValue());
        }
        List<Long> roots = new ArrayList<>(List.of(sb.dataMappingRoot(), sb.deviceDetailsRoot(),
                sb.dataSpaceMap().bitmapRoot(), sb.dataSpaceMap().refCountRoot(), sb.metadataSpaceMap().refCountRoot()));
        if (sb.isQnap()) {
            roots.addAll(List.of(sb.cloneRoot(), sb.poolMappingRoot()));
            for (SpaceMapRoot t : sb.tierSpaceMaps()) {
                roots.addAll(List.of(t.bitmapRoot(), t.refCountRoot()));
            }
        }
        if (sb.heldRoot() != 0) {
            ThinSuperblock held = scan.superblocks().get(sb.heldRoot());
            if (held == null) {
                orphansTrusted = false;
                notes.add("the metadata snapshot's superblock copy at block " + sb.heldRoot() + " is lost: nodes only it"
                        + " kept alive look orphaned, so no orphan is trusted");
            } else {
                roots.addAll(List.of(held.dataMappingRoot(), held.deviceDetailsRoot()));
            }
        }
        live = Liveness.of(scan, metadataSm, reached, roots);
        if (metadataSm.refCount(sb.dataMappingRoot()) == SpaceMap.UNKNOWN) {
            notes.add("the metadata space map cannot be read where the trees are: orphaned subtrees cannot be told from"
                    + " older copies, so they are marked as possibly stale");
        }
        if (!topLevelHoles.isEmpty() || !holes.isEmpty()) {
            attachOrphans();
        }
    }

    /** Reads a details tree into {@code into}; true when it was read whole. */
    private boolean readDetails(long root, boolean current, SortedMap<Long, DeviceDetails> into) {
        boolean[] whole = {true};
        walk.walk(root, 0, Long.MAX_VALUE, 0, Long.MAX_VALUE, BTreeWalk.ANY_VALUE_SIZE, new SalvageWalk.Sink() {
            @Override
            public void leaf(BTreeNode leaf, long from, long to) {
                if (current) {
                    reached.add(leaf.blockNr());
                }
                for (int i = 0; i < leaf.nrEntries(); i++) {
                    DeviceDetails d = DeviceDetails.parse(leaf.key(i), leaf.bytes(), leaf.valueOffset(i),
                            leaf.valueSize());
                    if (d == null) {
                        whole[0] = false;
                        return;
                    }
                    into.put(d.deviceId(), d);
                }
            }

            @Override
            public void internal(BTreeNode node, long from, long to) {
                if (current) {
                    reached.add(node.blockNr());
                }
            }

            @Override
            public void lost(long blockNr, long from, long to, String why) {
                whole[0] = false;
                if (current) {
                    notes.add("device-details tree: " + why + "; the records of devices " + from + ".."
                            + (to == Long.MAX_VALUE ? "" : String.valueOf(to - 1)) + " are rebuilt from older copies");
                }
            }
        });
        return whole[0];
    }

    private void readTopLevel(long root) {
        walk.walk(root, 0, Long.MAX_VALUE, 0, Long.MAX_VALUE, 8, new SalvageWalk.Sink() {
            @Override
            public void leaf(BTreeNode leaf, long from, long to) {
                reached.add(leaf.blockNr());
                for (int i = 0; i < leaf.nrEntries(); i++) {
                    currentRoots.put(leaf.key(i), leaf.valueU64(i));
                }
            }

            @Override
            public void internal(BTreeNode node, long from, long to) {
                reached.add(node.blockNr());
            }

            @Override
            public void lost(long blockNr, long from, long to, String why) {
                topLevelHoles.add(new long[] {from, to});
                notes.add("top-level mapping tree: " + why + " (devices " + from + ".."
                        + (to == Long.MAX_VALUE ? "" : String.valueOf(to - 1)) + ")");
            }
        });
    }

    private void walkCurrentDevice(long dev, long root) {
        DeviceBuild b = build(dev);
        b.source("live tree");
        walk.walk(root, 0, Long.MAX_VALUE, 0, Long.MAX_VALUE, 8, new SalvageWalk.Sink() {
            @Override
            public void leaf(BTreeNode leaf, long from, long to) {
                reached.add(leaf.blockNr());
                b.addLeaf(leaf.blockNr(), from, to, leaf.nrEntries(), false);
            }

            @Override
            public void internal(BTreeNode node, long from, long to) {
                reached.add(node.blockNr());
            }

            @Override
            public void lost(long blockNr, long from, long to, String why) {
                b.addGap(from, to, "mapping node of device " + dev + ": " + why);
                b.markRebuilt();
                HoleGroup g = holes.computeIfAbsent(blockNr, HoleGroup::new);
                g.refs.add(new long[] {dev, from, to});
                g.from = Math.max(g.from, from);
                g.to = Math.min(g.to, to);
            }
        });
    }

    private DeviceBuild build(long dev) {
        return builds.computeIfAbsent(dev, DeviceBuild::new);
    }

    // ---------------------------------------------------------------- orphans

    /** Current subtrees whose parent is lost: live, with more counted parents than surviving ones. */
    private List<Long> orphans() {
        List<Long> out = new ArrayList<>();
        for (ScannedNode n : scan.nodes().values()) {
            NodeScan.NodeClass c = scan.classOf(n.blockNr());
            if ((c == NodeScan.NodeClass.MAPPING_LEAF || c == NodeScan.NodeClass.MAPPING_INTERNAL)
                    && live.lostParents(n.blockNr()) > 0) {
                out.add(n.blockNr());
            }
        }
        out.sort(Comparator.comparingLong(this::recency));
        return out;
    }

    /** Nodes that may be orphans or older copies (their liveness is unknown), newest first. */
    private List<Long> unknownNodes() {
        List<Long> out = new ArrayList<>();
        for (ScannedNode n : scan.nodes().values()) {
            NodeScan.NodeClass c = scan.classOf(n.blockNr());
            if ((c == NodeScan.NodeClass.MAPPING_LEAF || c == NodeScan.NodeClass.MAPPING_INTERNAL)
                    && !reached.contains(n.blockNr()) && live.refCount(n.blockNr()) == SpaceMap.UNKNOWN) {
                out.add(n.blockNr());
            }
        }
        out.sort(Comparator.comparingLong(this::recency));
        return out;
    }

    /** A subtree found without its parent: its ranges shrink to the keys it holds. */
    private SubtreeWalk subtree(long root) {
        return subtrees.computeIfAbsent(root, r -> SubtreeWalk.of(walk, r, 0, Long.MAX_VALUE, 0, Long.MAX_VALUE, true));
    }

    /** A device's whole tree: its root covers every key. */
    private SubtreeWalk rootTree(long root) {
        return rootTrees.computeIfAbsent(root, r -> SubtreeWalk.of(walk, r, 0, Long.MAX_VALUE, 0, Long.MAX_VALUE,
                false));
    }

    private boolean hasCapacity(long block) {
        return usedParents.getOrDefault(block, 0) < Math.max(1, live.lostParents(block));
    }

    private void use(long block) {
        usedParents.merge(block, 1, Integer::sum);
    }

    private void attachOrphans() {
        List<Long> orphans = orphans();
        boolean trusted = orphansTrusted && live.known();
        Set<Long> unresolved = topLevelHoles.isEmpty() ? Set.of() : assignLostRoots(orphans, trusted);
        attachUnderHoles(orphans, trusted && unresolved.isEmpty(), unresolved);
        for (DeviceBuild b : builds.values()) {
            {
                DeviceDetails d = currentDetails.contains(b.deviceId) ? details.get(b.deviceId) : null;
                if (d != null && b.hasGaps() && !b.hasDoubts() && b.mapped() == d.mappedBlocks() && trusted
                        && unresolved.isEmpty()) {
                    // Every mapping the device has is accounted for: what lies between the re-attached subtrees
                    // is unmapped.
                    b.clearGaps();
                    b.source("the device's mapped-block count (" + d.mappedBlocks() + ") confirms nothing else is lost");
                }
            }
        }
        if (!live.known() || !orphansTrusted) {
            attachUnknown(unknownNodes());
        }
    }

    /**
     * Devices whose root was in a lost top-level node get an orphan as root: the one whose mapped count alone matches
     * their current details record, else the one the newest older top-level copy that names the orphan gives them.
     * Several candidates are compared and the ranges where they differ marked ambiguous. Returns the devices left
     * without a root.
     */
    private Set<Long> assignLostRoots(List<Long> orphans, boolean trusted) {
        Set<Long> devices = new TreeSet<>(detailsCurrent ? details.keySet() : hints.deviceTransactions().keySet());
        if (!detailsCurrent) {
            devices.addAll(details.keySet());
        }
        devices.removeAll(currentRoots.keySet());
        devices.removeIf(d -> topLevelHoles.stream().noneMatch(h -> d >= h[0] && d < h[1]));
        List<OldState> old = oldStates();
        Map<Long, Set<Long>> owners = newestOwners(orphans, old);
        Map<Long, List<Long>> candidates = new TreeMap<>();
        for (long d : devices) {
            DeviceDetails dd = currentDetails.contains(d) ? details.get(d) : null;
            List<Long> c = new ArrayList<>();
            for (long o : orphans) {
                SubtreeWalk t = rootTree(o);
                if (dd != null ? t.complete() && t.mapped() == dd.mappedBlocks() : owners.getOrDefault(o, Set.of()).contains(d)) {
                    c.add(o);
                }
            }
            candidates.put(d, c);
        }
        Set<Long> unresolved = new TreeSet<>();
        // Devices with fewer candidates first (their roots are then taken); among equals the older device first: an
        // origin keeps being written after its snapshots, so it gets the candidate with the newest mappings.
        List<Long> order = new ArrayList<>(devices);
        order.sort(Comparator.comparingInt((Long d) -> candidates.get(d).size()).thenComparingLong(this::creationTime));
        for (long d : order) {
            List<Long> all = candidates.get(d);
            List<Long> c = new ArrayList<>(all);
            c.removeIf(o -> !hasCapacity(o));
            DeviceBuild b = build(d);
            b.markRebuilt();
            b.addGap(0, Long.MAX_VALUE, "root of device " + d + " lost with the top-level tree");
            if (c.isEmpty()) {
                unresolved.add(d);
                continue;
            }
            boolean counted = currentDetails.contains(d);
            List<Long> owned = c.stream().filter(o -> owners.getOrDefault(o, Set.of()).contains(d)).toList();
            List<Long> unowned = c.stream().filter(o -> !owners.containsKey(o)).toList();
            c.sort(newestFirst());
            long chosen = !owned.isEmpty() ? owned.get(0) : !unowned.isEmpty() ? unowned.stream().sorted(newestFirst())
                    .findFirst().orElseThrow() : c.get(0);
            String why = !counted ? "the newest older top-level copy naming it gives it to the device"
                    : all.size() == 1 ? "its mapped-block count alone matches the device's details"
                    : owned.contains(chosen) ? "its mapped-block count matches and the newest older top-level copy naming"
                    + " it gives it to the device" : "its mapped-block count matches and no newer copy gives it to another"
                    + " device";
            use(chosen);
            attach(b, rootTree(chosen), 0, Long.MAX_VALUE, !trusted, "orphaned root at block " + chosen + " (" + why + ")");
            if (all.size() > 1) {
                markDisagreement(b, chosen, all, "device root chosen among orphaned roots " + blocks(all)
                        + " with the same mapped-block count: block " + chosen + " because " + why);
            } else if (!counted) {
                b.doubt(0, Long.MAX_VALUE, MappingDoubt.Kind.AMBIGUOUS, "device root taken from orphan block " + chosen
                        + " because " + why + "; no current details record confirms it");
            }
        }
        // One device left and one orphaned root nobody else claims: the device's, by elimination (not verified).
        List<Long> spare = orphans.stream().filter(o -> hasCapacity(o) && !owners.containsKey(o)
                && rootTree(o).complete() && rootTree(o).lowKey() == 0).toList();
        if (unresolved.size() == 1 && spare.size() == 1) {
            long d = unresolved.iterator().next();
            long o = spare.get(0);
            use(o);
            DeviceBuild b = build(d);
            attach(b, rootTree(o), 0, Long.MAX_VALUE, !trusted, "orphaned root at block " + o + " (by elimination)");
            b.doubt(0, Long.MAX_VALUE, MappingDoubt.Kind.AMBIGUOUS, "device root taken from orphan block " + o
                    + " by elimination: the only unclaimed orphaned root, for the only device without one");
            unresolved.clear();
        }
        return unresolved;
    }

    /** For each orphan, the devices the newest older state that names it as a root gives it to. */
    private static Map<Long, Set<Long>> newestOwners(List<Long> orphans, List<OldState> old) {
        Map<Long, Set<Long>> owners = new HashMap<>();
        Set<Long> wanted = new HashSet<>(orphans);
        for (OldState s : old) {
            Map<Long, Set<Long>> here = new HashMap<>();
            s.roots().forEach((dev, root) -> {
                if (wanted.contains(root) && !owners.containsKey(root)) {
                    here.computeIfAbsent(root, r -> new TreeSet<>()).add(dev);
                }
            });
            owners.putAll(here);
        }
        return owners;
    }

    /**
     * Puts every orphan under the lost nodes it belongs to. An orphan's key span fits some lost nodes' ranges; the
     * children of one node never overlap, so a node already holding a subtree that covers some of the orphan's keys
     * cannot be its parent. An orphan that fits exactly as many lost nodes as it has lost parents belongs under each
     * (certain); the rest go where the newest older copy has them, or under every node they fit, marked ambiguous.
     */
    private void attachUnderHoles(List<Long> orphans, boolean trusted, Set<Long> unresolvedDevices) {
        Map<Long, List<HoleGroup>> feasible = new LinkedHashMap<>();
        for (long o : orphans) {
            if (!hasCapacity(o) || walk.exhausted()) {
                continue;
            }
            SubtreeWalk t = subtree(o);
            List<HoleGroup> fits = new ArrayList<>();
            for (HoleGroup g : holes.values()) {
                if (!t.isEmpty() && t.lowKey() >= g.from && t.highKey() <= g.to) {
                    fits.add(g);
                }
            }
            if (!fits.isEmpty()) {
                feasible.put(o, fits);
            }
        }
        Map<HoleGroup, List<SubtreeWalk>> placed = new HashMap<>();
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Map.Entry<Long, List<HoleGroup>> e : new ArrayList<>(feasible.entrySet())) {
                SubtreeWalk t = subtree(e.getKey());
                List<HoleGroup> fits = new ArrayList<>(e.getValue());
                fits.removeIf(g -> placed.getOrDefault(g, List.of()).stream().anyMatch(p -> overlaps(p, t)));
                if (fits.isEmpty()) {
                    fits = e.getValue(); // contradictory: keep every candidate, marked below
                } else if (fits.size() <= Math.max(1, live.lostParents(e.getKey()))) {
                    feasible.remove(e.getKey());
                    for (HoleGroup g : fits) {
                        placed.computeIfAbsent(g, k -> new ArrayList<>()).add(t);
                    }
                    attachOrphan(e.getKey(), t, fits, fits, trusted && unresolvedDevices.isEmpty(), unresolvedDevices,
                            "");
                    changed = true;
                    continue;
                }
                e.setValue(fits);
            }
        }
        // Not certain: placed where older copies have them, or where overlapping siblings leave room; marked.
        while (!feasible.isEmpty()) {
            boolean progress = false;
            for (Map.Entry<Long, List<HoleGroup>> e : new ArrayList<>(feasible.entrySet())) {
                SubtreeWalk t = subtree(e.getKey());
                List<HoleGroup> fits = new ArrayList<>(e.getValue());
                fits.removeIf(g -> placed.getOrDefault(g, List.of()).stream().anyMatch(p -> overlaps(p, t)));
                List<HoleGroup> owners = fits.isEmpty() ? List.of() : owningGroups(e.getKey(), t, fits);
                String choice = null;
                List<HoleGroup> targets = null;
                if (fits.size() == 1) {
                    targets = fits;
                    choice = "attached to lost node " + fits.get(0).block + ", the only one where no sibling overlaps it";
                } else if (!owners.isEmpty() && owners.size() <= Math.max(1, live.lostParents(e.getKey()))) {
                    targets = owners;
                    choice = "attached where the newest older copy that holds it has it (lost node"
                            + (owners.size() > 1 ? "s " : " ") + owners.stream().map(h -> h.block).toList() + ")";
                }
                if (targets != null) {
                    feasible.remove(e.getKey());
                    for (HoleGroup g : targets) {
                        placed.computeIfAbsent(g, k -> new ArrayList<>()).add(t);
                    }
                    attachOrphan(e.getKey(), t, e.getValue(), targets, false, unresolvedDevices, choice);
                    progress = true;
                }
            }
            if (!progress) {
                for (Map.Entry<Long, List<HoleGroup>> e : feasible.entrySet()) {
                    attachOrphan(e.getKey(), subtree(e.getKey()), e.getValue(), e.getValue(), false,
                            unresolvedDevices, "attached to each");
                }
                feasible.clear();
            }
        }
    }

    /** True when the leaves of {@code a} and {@code b} cover some key in common. */
    private static boolean overlaps(SubtreeWalk a, SubtreeWalk b) {
        if (a.highKey() <= b.lowKey() || b.highKey() <= a.lowKey()) {
            return false;
        }
        for (SubtreeWalk.Leaf x : a.leaves()) {
            for (SubtreeWalk.Leaf y : b.leaves()) {
                if (x.from() < y.to() && y.from() < x.to()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Attaches orphan {@code o} under {@code targets} (chosen among {@code fits}); not certain: marked ambiguous. */
    private void attachOrphan(long o, SubtreeWalk t, List<HoleGroup> fits, List<HoleGroup> targets, boolean certain,
            Set<Long> unresolvedDevices, String choice) {
        use(o);
        Set<Long> devices = new TreeSet<>();
        fits.forEach(f -> f.refs.forEach(r -> devices.add(r[0])));
        devices.addAll(unresolvedDevices);
        for (HoleGroup f : targets) {
            for (long[] ref : f.refs) {
                DeviceBuild b = build(ref[0]);
                attach(b, t, Math.max(ref[1], f.from), Math.min(ref[2], f.to), !orphansTrusted || !live.known(),
                        "orphaned subtree at block " + o + " under lost node " + f.block);
                if (!certain) {
                    b.doubt(t.lowKey(), t.highKey(), MappingDoubt.Kind.AMBIGUOUS, "orphaned subtree at block " + o
                            + " fits under lost nodes of devices " + devices + (choice.isEmpty() ? "" : "; " + choice));
                }
            }
        }
    }

    /**
     * The groups among {@code fits} whose devices hold orphan {@code o} in the newest older state in which any of
     * them holds it (empty when none does).
     */
    private List<HoleGroup> owningGroups(long o, SubtreeWalk t, List<HoleGroup> fits) {
        for (OldState s : oldStates()) {
            List<HoleGroup> reach = new ArrayList<>();
            for (HoleGroup f : fits) {
                for (long[] ref : f.refs) {
                    Long root = s.roots().get(ref[0]);
                    if (root != null && reaches(root, o, t.lowKey(), t.highKey()) && !reach.contains(f)) {
                        reach.add(f);
                    }
                }
            }
            if (!reach.isEmpty() || walk.exhausted()) {
                return reach;
            }
        }
        return List.of();
    }

    /** True when the tree at {@code root}, walked over keys {@code [from, to)}, passes through block {@code target}. */
    private boolean reaches(long root, long target, long from, long to) {
        boolean[] found = {root == target};
        if (found[0]) {
            return true;
        }
        walk.walk(root, 0, Long.MAX_VALUE, from, to, 8, new SalvageWalk.Sink() {
            @Override
            public void leaf(BTreeNode leaf, long keyFrom, long keyTo) {
                found[0] |= leaf.blockNr() == target;
            }

            @Override
            public void internal(BTreeNode node, long keyFrom, long keyTo) {
                for (int i = 0; i < node.nrEntries(); i++) {
                    found[0] |= node.valueU64(i) == target;
                }
            }

            @Override
            public void lost(long blockNr, long keyFrom, long keyTo, String why) {
            }
        });
        return found[0];
    }

    private List<OldState> oldStates;

    /** {@link #olderTopLevelStates()}, computed once (after the liveness is known). */
    private List<OldState> oldStates() {
        if (oldStates == null) {
            oldStates = olderTopLevelStates();
        }
        return oldStates;
    }

    /** Without liveness: unreached nodes fill lost ranges that only they cover, newest first, as possibly stale. */
    private void attachUnknown(List<Long> nodes) {
        for (DeviceBuild b : builds.values()) {
            for (long[] gap : b.gaps()) {
                for (long o : nodes) {
                    if (walk.exhausted()) {
                        return;
                    }
                    SubtreeWalk t = subtree(o);
                    if (t.isEmpty() || t.lowKey() < gap[0] || t.highKey() > gap[1]) {
                        continue;
                    }
                    attach(b, t, gap[0], gap[1], true, "unreferenced subtree at block " + o
                            + " (liveness unknown: current or an older copy)");
                }
            }
        }
    }

    /** Takes subtree {@code t}'s leaves inside {@code [from, to)} into {@code b} where they are still lost. */
    private void attach(DeviceBuild b, SubtreeWalk t, long from, long to, boolean stale, String label) {
        List<long[]> gaps = b.gaps();
        boolean any = false;
        for (SubtreeWalk.Leaf l : t.leaves()) {
            for (long[] gap : gaps) {
                long f = Math.max(Math.max(from, gap[0]), l.from());
                long e = Math.min(Math.min(to, gap[1]), l.to());
                if (f < e) {
                    any = true;
                    b.addLeaf(l.block(), f, e, f == l.from() && e == l.to() ? l.count() : countIn(l.block(), f, e),
                            stale);
                    if (stale) {
                        b.doubt(f, e, MappingDoubt.Kind.STALE, label + "; may be stale");
                    }
                }
            }
        }
        if (any) {
            b.markRebuilt();
            b.source(label);
        }
    }

    private long countIn(long leafBlock, long from, long to) {
        BTreeNode n = scan.read(leafBlock);
        long c = 0;
        for (int i = 0; n != null && i < n.nrEntries(); i++) {
            if (n.key(i) >= from && n.key(i) < to) {
                c++;
            }
        }
        return c;
    }

    // ---------------------------------------------------------------- without a superblock

    private void withoutSuperblock() {
        superblockSource = "none: no valid superblock (primary" + (scan.superblocks().isEmpty() ? ""
                : " or backup") + "); rebuilt from the " + scan.nodes().size() + " valid nodes";
        timeMask = scan.blockSizeBytes() == 8192 ? 0x3F_FFFFL : 0xFF_FFFFL;
        long index = NewestIndex.find(scan);
        long newest = index;
        if (index < 0) {
            for (long b : scan.nodes().keySet()) {
                newest = Math.max(newest, b);
            }
        }
        cursor = newest + 1;
        orphansTrusted = false;
        List<OldState> tops = oldStates();
        chooseDetailsWithoutSuperblock();
        Set<Long> devices = new TreeSet<>(hints.deviceTransactions().keySet());
        if (devices.isEmpty()) {
            devices.addAll(details.keySet());
        }
        if (devices.isEmpty()) {
            tops.forEach(s -> devices.addAll(s.roots().keySet()));
        }
        Map<Long, List<Long>> candidates = new TreeMap<>();
        for (long d : devices) {
            List<Long> c = new ArrayList<>();
            for (OldState s : tops) {
                Long r = s.roots().get(d);
                if (r != null && !c.contains(r)) {
                    c.add(r);
                }
            }
            candidates.put(d, c);
        }
        Map<Long, List<Long>> competitors = new TreeMap<>();
        assignUnreferencedRoots(candidates, competitors);
        // The newest state by allocation order: a top-level leaf is written again whenever any device's root
        // changes, so the newest one names every device's current root, also of devices unchanged for long.
        OldState newestState = tops.stream().filter(t -> t.rank() >= 0).min(Comparator.comparingLong(OldState::rank))
                .orElse(null);
        for (long d : devices) {
            Long preferred = newestState == null ? null : newestState.roots().get(d);
            chooseRootWithoutSuperblock(d, candidates.get(d), competitors.getOrDefault(d, List.of()), preferred,
                    newestState == null ? "" : newestState.label(), newestState == null ? Long.MAX_VALUE
                    : newestState.rank());
        }
        attachUnknown(unknownNodes());
    }

    private void chooseDetailsWithoutSuperblock() {
        List<Long> roots = new ArrayList<>();
        Set<Long> pointed = pointedTo(NodeScan.NodeClass.DETAILS_INTERNAL);
        for (ScannedNode n : scan.nodes().values()) {
            NodeScan.NodeClass c = scan.classOf(n.blockNr());
            if ((c == NodeScan.NodeClass.DETAILS_LEAF || c == NodeScan.NodeClass.DETAILS_INTERNAL)
                    && !pointed.contains(n.blockNr())) {
                roots.add(n.blockNr());
            }
        }
        roots.sort(Comparator.comparingLong(this::recency));
        Set<Long> expected = hints.deviceTransactions().keySet();
        SortedMap<Long, DeviceDetails> fallback = null;
        long fallbackRoot = -1;
        for (long r : roots) {
            SortedMap<Long, DeviceDetails> m = new TreeMap<>();
            if (!readDetails(r, false, m)) {
                continue;
            }
            if (expected.isEmpty() || m.keySet().equals(expected)) {
                details.putAll(m);
                detailsSource = "details copy at block " + r + " (no superblock: the newest by allocation order)";
                return;
            }
            if (fallback == null) {
                fallback = m;
                fallbackRoot = r;
            }
        }
        if (fallback != null) {
            details.putAll(fallback);
            detailsSource = "details copy at block " + fallbackRoot + " (no superblock; its devices differ from LVM's)";
        }
    }

    /**
     * Mapping roots no valid node points to (their parents are lost or overwritten) may be current roots: each
     * joins the candidates of the device whose best candidate it shares the most mappings with, and competes with
     * the choice of every other device it shares mappings with.
     */
    private void assignUnreferencedRoots(Map<Long, List<Long>> candidates, Map<Long, List<Long>> competitors) {
        Set<Long> pointed = pointedTo(null);
        Map<List<Long>, List<Long>> ties = new LinkedHashMap<>();
        Map<Long, Long> best = new HashMap<>();
        candidates.forEach((d, c) -> {
            if (!c.isEmpty()) {
                best.put(d, c.get(0));
            }
        });
        for (ScannedNode n : scan.nodes().values()) {
            NodeScan.NodeClass c = scan.classOf(n.blockNr());
            if ((c != NodeScan.NodeClass.MAPPING_LEAF && c != NodeScan.NodeClass.MAPPING_INTERNAL)
                    || pointed.contains(n.blockNr()) || walk.exhausted()) {
                continue;
            }
            SubtreeWalk t = rootTree(n.blockNr());
            if (t.isEmpty()) {
                continue;
            }
            Map<Long, Long> sharedWith = new TreeMap<>();
            for (long d : candidates.keySet()) {
                DeviceDetails dd = details.get(d);
                long shared = best.containsKey(d) ? sharedMappings(n.blockNr(), best.get(d))
                        : dd != null && dd.mappedBlocks() == t.mapped() && t.complete() ? 1 : 0;
                if (shared > 0) {
                    sharedWith.put(d, shared);
                }
            }
            if (sharedWith.isEmpty()) {
                // shares nothing with any device's best root: it could be any device's root, rewritten since
                candidates.keySet().forEach(d -> competitors.computeIfAbsent(d, k -> new ArrayList<>()).add(n.blockNr()));
                continue;
            }
            long top = sharedWith.values().stream().mapToLong(Long::longValue).max().orElse(0);
            List<Long> winners = sharedWith.entrySet().stream().filter(e -> e.getValue() == top).map(Map.Entry::getKey)
                    .toList();
            // A whole tree, not a stray subtree, becomes a candidate: it holds at least half of what the device's
            // best root holds. Anything sharing mappings with a device competes with its choice.
            long bestSize = winners.size() == 1 && best.containsKey(winners.get(0))
                    ? mappingsOf(best.get(winners.get(0))).size() : 0;
            if (winners.size() == 1 && 2 * top >= bestSize) {
                List<Long> list = candidates.get(winners.get(0));
                if (!list.contains(n.blockNr())) {
                    list.add(n.blockNr());
                }
            } else if (winners.size() > 1) {
                ties.computeIfAbsent(winners, k -> new ArrayList<>()).add(n.blockNr());
            }
            // It may still be any of these devices' current root: each compares with it.
            for (long d : sharedWith.keySet()) {
                if (!candidates.get(d).contains(n.blockNr())) {
                    competitors.computeIfAbsent(d, k -> new ArrayList<>()).add(n.blockNr());
                }
            }
        }
        // Roots that fit several devices equally (the same mapped count, no older copy to tell): one each, in
        // device and allocation order; each device compares with all of them, so the differences are marked.
        ties.forEach((tied, roots) -> {
            List<Long> devices = new ArrayList<>(tied);
            devices.sort(Comparator.comparingLong(this::creationTime));
            roots.sort(newestFirst());
            notes.add("unreferenced mapping roots " + roots + " fit devices " + devices + " equally; given one each");
            for (int i = 0; i < devices.size() && i < roots.size(); i++) {
                List<Long> list = candidates.get(devices.get(i));
                if (!list.contains(roots.get(i))) {
                    list.add(roots.get(i));
                }
            }
        });
    }

    /** Trees with the newest mappings first, then the most recently allocated roots. */
    private Comparator<Long> newestFirst() {
        return Comparator.comparingLong((Long r) -> -rootTree(r).maxTime()).thenComparingLong(this::recency);
    }

    /** The device's creation time from its details record (0 when none survives). */
    private long creationTime(long device) {
        DeviceDetails d = details.get(device);
        return d == null ? 0 : d.creationTime();
    }

    /** Identical (virtual block, value) pairs of two trees. */
    private long sharedMappings(long a, long b) {
        Map<Long, Long> ma = mappingsOf(a);
        Map<Long, Long> mb = mappingsOf(b);
        long n = 0;
        for (Map.Entry<Long, Long> e : ma.entrySet()) {
            Long v = mb.get(e.getKey());
            if (v != null && (v >>> 24) == (e.getValue() >>> 24)) {
                n++;
            }
        }
        return n;
    }

    private final Map<Long, TreeMap<Long, Long>> mappingCache = new HashMap<>();

    /** Every mapping of the tree at {@code root} (cached; bounded by the walk budget). */
    private TreeMap<Long, Long> mappingsOf(long root) {
        return mappingCache.computeIfAbsent(root, r -> {
            TreeMap<Long, Long> m = new TreeMap<>();
            for (SubtreeWalk.Leaf l : rootTree(r).leaves()) {
                BTreeNode n = scan.read(l.block());
                for (int i = 0; n != null && i < n.nrEntries(); i++) {
                    if (n.key(i) >= l.from() && n.key(i) < l.to()) {
                        m.put(n.key(i), n.valueU64(i));
                    }
                }
            }
            return m;
        });
    }

    /**
     * Picks device {@code d}'s root among {@code candidates}: the newest mapping time, then the newest by
     * allocation order, then the most mappings. Where the candidates of that newest time disagree (or one of them
     * is incomplete) the range is ambiguous.
     */
    private void chooseRootWithoutSuperblock(long d, List<Long> candidates, List<Long> competitors, Long preferred,
            String preferredFrom, long preferredRank) {
        DeviceBuild b = build(d);
        b.markRebuilt();
        b.addGap(0, Long.MAX_VALUE, "no superblock, and no surviving root for device " + d);
        if (candidates.isEmpty()) {
            return;
        }
        List<Long> ranked = new ArrayList<>(candidates);
        ranked.sort(Comparator.comparingLong(this::recency).thenComparingLong((Long r) -> -rootTree(r).maxTime())
                .thenComparingLong(r -> -rootTree(r).mapped()));
        // A candidate written after the newest surviving top-level copy belongs to a newer state whose top-level
        // copy is lost: it wins over what that copy names.
        boolean newerExists = recency(ranked.get(0)) < preferredRank;
        boolean fromNewest = preferred != null && candidates.contains(preferred) && !newerExists;
        long chosen = fromNewest ? preferred : ranked.get(0);
        attach(b, rootTree(chosen), 0, Long.MAX_VALUE, false, "root at block " + chosen + " (no superblock: "
                + (fromNewest ? "named by the newest state, " + preferredFrom : "the newest by allocation order")
                + ", among " + candidates.size() + " candidate roots)");
        // Without a superblock nothing proves which candidate is current (a discard can leave an older tree with
        // newer times): every range where any of them disagrees is marked.
        List<Long> compared = new ArrayList<>(ranked);
        competitors.stream().filter(r -> !compared.contains(r)).forEach(compared::add);
        if (compared.size() > 1) {
            markDisagreement(b, chosen, compared, "no superblock: root block " + chosen + " chosen by allocation order"
                    + " among " + compared.size() + " candidate roots " + abbreviated(compared) + " that disagree here");
        }
    }

    private static String abbreviated(List<Long> blocks) {
        return blocks.size() <= 8 ? blocks.toString() : blocks.subList(0, 8).toString().replace("]", ", ...]");
    }

    /** Marks the virtual blocks where the candidate trees disagree with {@code chosen} (or cannot say). */
    private void markDisagreement(DeviceBuild b, long chosen, List<Long> candidates, String cause) {
        TreeMap<Long, Long> base = mappingsOf(chosen);
        TreeMap<Long, Long> differ = new TreeMap<>();
        for (long c : candidates) {
            if (c == chosen) {
                continue;
            }
            TreeMap<Long, Long> other = mappingsOf(c);
            for (Map.Entry<Long, Long> e : base.entrySet()) {
                Long v = other.get(e.getKey());
                if (v == null || (v >>> 24) != (e.getValue() >>> 24)) {
                    differ.put(e.getKey(), e.getKey() + 1);
                }
            }
            for (Long k : other.keySet()) {
                if (!base.containsKey(k)) {
                    differ.put(k, k + 1);
                }
            }
            for (SubtreeWalk.Lost l : rootTree(c).lost()) {
                differ.merge(l.from(), l.to(), Math::max);
            }
        }
        long runFrom = -1;
        long runTo = -1;
        for (Map.Entry<Long, Long> e : differ.entrySet()) {
            if (runTo >= e.getKey()) {
                runTo = Math.max(runTo, e.getValue());
                continue;
            }
            if (runFrom >= 0) {
                b.doubt(runFrom, runTo, MappingDoubt.Kind.AMBIGUOUS, cause);
            }
            runFrom = e.getKey();
            runTo = e.getValue();
        }
        if (runFrom >= 0) {
            b.doubt(runFrom, runTo, MappingDoubt.Kind.AMBIGUOUS, cause);
        }
    }

    /** Blocks pointed to by valid internal nodes of class {@code of} (any class when null) and top-level leaves. */
    private Set<Long> pointedTo(NodeScan.NodeClass of) {
        Set<Long> out = new HashSet<>();
        for (ScannedNode n : scan.nodes().values()) {
            NodeScan.NodeClass c = scan.classOf(n.blockNr());
            boolean parent = of == null ? !n.leaf() || c == NodeScan.NodeClass.TOP_LEVEL_LEAF : c == of;
            if (parent && n.pointers() != null) {
                for (long p : n.pointers()) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- older copies

    /**
     * Older states, newest first: the metadata snapshot, QNAP's other backups (by backup_id), then top-level copies
     * that are not current (by allocation order), each with the device roots it names.
     */
    private List<OldState> olderTopLevelStates() {
        List<OldState> out = new ArrayList<>();
        if (superblock != null && superblock.heldRoot() != 0) {
            ThinSuperblock held = scan.superblocks().get(superblock.heldRoot());
            if (held != null) {
                out.add(new OldState("the metadata snapshot at block " + held.blockNr(), -2,
                        rootsOf(held.dataMappingRoot())));
            }
        }
        List<ThinSuperblock> copies = new ArrayList<>(scan.superblocks().values());
        copies.removeIf(s -> s.blockNr() == 0 || superblock != null && (s.blockNr() == superblock.blockNr()
                || s.blockNr() == superblock.heldRoot()));
        copies.sort(Comparator.comparingLong((ThinSuperblock s) -> -s.backupId()));
        for (ThinSuperblock s : copies) {
            out.add(new OldState("the superblock copy at block " + s.blockNr() + " (backup_id " + s.backupId()
                    + ", transaction " + s.transactionId() + ")", -1, rootsOf(s.dataMappingRoot())));
        }
        Set<Long> pointed = pointedTo(NodeScan.NodeClass.TOP_LEVEL_INTERNAL);
        List<Long> tops = new ArrayList<>();
        for (ScannedNode n : scan.nodes().values()) {
            NodeScan.NodeClass c = scan.classOf(n.blockNr());
            if ((c == NodeScan.NodeClass.TOP_LEVEL_LEAF || c == NodeScan.NodeClass.TOP_LEVEL_INTERNAL)
                    && !reached.contains(n.blockNr()) && !pointed.contains(n.blockNr())
                    && !live.isLive(n.blockNr())) {
                tops.add(n.blockNr());
            }
        }
        tops.sort(Comparator.comparingLong(this::recency));
        for (long t : tops) {
            if (walk.exhausted()) {
                break;
            }
            out.add(new OldState((superblock != null ? "the older" : "the") + " top-level copy at block " + t,
                    recency(t), rootsOf(t)));
        }
        return out;
    }

    private Map<Long, Long> rootsOf(long topRoot) {
        Map<Long, Long> roots = new TreeMap<>();
        walk.walk(topRoot, 0, Long.MAX_VALUE, 0, Long.MAX_VALUE, 8, new SalvageWalk.Sink() {
            @Override
            public void leaf(BTreeNode leaf, long from, long to) {
                for (int i = 0; i < leaf.nrEntries(); i++) {
                    roots.put(leaf.key(i), leaf.valueU64(i));
                }
            }

            @Override
            public void lost(long blockNr, long from, long to, String why) {
            }
        });
        return roots;
    }

    /** Fills what is still lost from older states, newest first; every mapping so found is marked stale. */
    private void fillFromOlderCopies() {
        if (builds.values().stream().noneMatch(DeviceBuild::hasGaps)) {
            return;
        }
        List<OldState> old = oldStates();
        for (DeviceBuild b : builds.values()) {
            int tried = 0;
            for (OldState s : old) {
                if (!b.hasGaps() || walk.exhausted() || tried >= MAX_OLD_SOURCES) {
                    break;
                }
                Long root = s.roots().get(b.deviceId);
                if (root == null || root == currentRoots.getOrDefault(b.deviceId, -1L)) {
                    continue;
                }
                tried++;
                for (long[] gap : b.gaps()) {
                    SubtreeWalk t = SubtreeWalk.of(walk, root, 0, Long.MAX_VALUE, gap[0], gap[1], false);
                    attach(b, t, gap[0], gap[1], true, "the device's root at block " + root + " in " + s.label());
                }
            }
        }
    }

    // ---------------------------------------------------------------- checks and result

    /**
     * A rebuilt leaf may name a data block the data space map counts fewer times than the leaves using it: the
     * ranges of such mappings that are not verified anyway become ambiguous; verified ones are reported.
     */
    private void checkDataSpaceMap() {
        if (dataSpaceMap == null) {
            notes.add("no data space map to check the rebuilt mappings against");
            return;
        }
        // Each distinct leaf counts once (a leaf shared by snapshots is one reference), over the keys taken from it.
        Map<Long, long[]> leafRanges = new HashMap<>();
        for (DeviceBuild b : builds.values()) {
            for (DeviceBuild.Piece p : b.pieces()) {
                leafRanges.merge(p.leafBlock(), new long[] {p.from(), p.to()},
                        (x, y) -> new long[] {Math.min(x[0], y[0]), Math.max(x[1], y[1])});
            }
        }
        Map<Long, Integer> leafRefs = new HashMap<>();
        for (Map.Entry<Long, long[]> e : leafRanges.entrySet()) {
            BTreeNode n = scan.read(e.getKey());
            for (int i = 0; n != null && i < n.nrEntries(); i++) {
                if (n.key(i) >= e.getValue()[0] && n.key(i) < e.getValue()[1]) {
                    leafRefs.merge(n.valueU64(i) >>> 24, 1, Integer::sum);
                }
            }
        }
        long over = 0;
        for (Map.Entry<Long, Integer> e : leafRefs.entrySet()) {
            long count = dataSpaceMap.refCount(e.getKey());
            if (count != SpaceMap.UNKNOWN && e.getValue() > count && count > 0) {
                over++;
            }
        }
        if (over > 0) {
            notes.add(over + " data blocks are named by more rebuilt leaves than the data space map counts (older"
                    + " copies among them)");
        }
    }

    private SalvagedPool result() {
        Set<Long> all = new TreeSet<>(builds.keySet());
        if (superblock == null || !topLevelHoles.isEmpty()) {
            all.addAll(hints.deviceTransactions().keySet());
        }
        SortedMap<Long, DeviceDetails> older = olderDetails();
        SortedMap<Long, SalvagedDevice> devices = new TreeMap<>();
        long newestTime = 0;
        for (long dev : all) {
            DeviceBuild b = build(dev);
            if (b.pieces().isEmpty() && !b.hasGaps() && !currentRoots.containsKey(dev)) {
                b.markRebuilt();
                b.addGap(0, Long.MAX_VALUE, "no surviving root for device " + dev);
            }
            long[][] m = materialize(b);
            for (long v : m[1]) {
                newestTime = Math.max(newestTime, v & timeMask);
            }
            DeviceDetails o = details.containsKey(dev) ? details.get(dev) : older.get(dev);
            String source = details.containsKey(dev) ? detailsSource
                    : o != null ? "rebuilt from an older details copy" : "rebuilt: no details record survives (times 0)";
            long trans = o != null ? o.transactionId() : hints.deviceTransactions().getOrDefault(dev, 0L);
            // mapped_blocks always counts what the salvage gives the device.
            DeviceDetails d = o == null ? new DeviceDetails(dev, m[0].length, trans, 0, 0, DeviceDetails.ABSENT,
                    DeviceDetails.ABSENT, 24)
                    : new DeviceDetails(dev, m[0].length, trans, o.creationTime(), o.snapshottedTime(), o.clonedTime(),
                    o.snapOrigin(), o.valueSizeBytes());
            devices.put(dev, new SalvagedDevice(dev, d, source, m[0], m[1], b.finalDoubts(), b.sources(),
                    b.rebuilt() || superblock == null, timeMask));
        }
        long dataBlockSectors = superblock != null ? superblock.dataBlockSizeSectors()
                : hints.dataBlockSizeSectors() > 0 ? hints.dataBlockSizeSectors() : 128;
        if (superblock == null && hints.dataBlockSizeSectors() <= 0) {
            notes.add("no superblock and no LVM chunk size: assuming 64 KiB data blocks");
        }
        long nrData = superblock != null ? superblock.dataSpaceMap().nrBlocks() : hints.nrDataBlocks();
        long trans = superblock != null ? superblock.transactionId() : hints.transactionId();
        long time = superblock != null ? superblock.time() : newestTime;
        return new SalvagedPool(superblockSource, superblock, scan.blockSizeBytes(), dataBlockSectors, nrData, trans,
                time, devices, notes);
    }

    /** The newest record of every device among details copies that are not current. */
    private SortedMap<Long, DeviceDetails> olderDetails() {
        SortedMap<Long, DeviceDetails> out = new TreeMap<>();
        List<Long> leaves = new ArrayList<>();
        for (ScannedNode n : scan.nodes().values()) {
            if (scan.classOf(n.blockNr()) == NodeScan.NodeClass.DETAILS_LEAF && !reached.contains(n.blockNr())) {
                leaves.add(n.blockNr());
            }
        }
        leaves.sort(Comparator.comparingLong(this::recency));
        for (long l : leaves) {
            BTreeNode n = scan.read(l);
            for (int i = 0; n != null && i < n.nrEntries(); i++) {
                DeviceDetails d = DeviceDetails.parse(n.key(i), n.bytes(), n.valueOffset(i), n.valueSize());
                if (d != null) {
                    out.putIfAbsent(d.deviceId(), d);
                }
            }
        }
        return out;
    }

    /** The device's mappings in virtual order: {virtual blocks, raw values}; stale pieces drop freed data blocks. */
    private long[][] materialize(DeviceBuild b) {
        List<DeviceBuild.Piece> pieces = new ArrayList<>(b.pieces());
        pieces.sort(Comparator.comparingLong(DeviceBuild.Piece::from));
        long[] keys = new long[16];
        long[] values = new long[16];
        int n = 0;
        long last = -1;
        long limit = superblock != null ? superblock.dataSpaceMap().nrBlocks()
                : hints.nrDataBlocks() > 0 ? hints.nrDataBlocks() : Long.MAX_VALUE;
        for (DeviceBuild.Piece p : pieces) {
            BTreeNode leaf = scan.read(p.leafBlock());
            for (int i = 0; leaf != null && i < leaf.nrEntries(); i++) {
                long k = leaf.key(i);
                long v = leaf.valueU64(i);
                if (k < p.from() || k >= p.to() || k <= last || (v >>> 24) >= limit) {
                    continue;
                }
                if (p.stale() && dataSpaceMap != null && dataSpaceMap.refCount(v >>> 24) == 0) {
                    continue; // the older copy maps a data block nothing uses now: certainly not current
                }
                if (n == keys.length) {
                    keys = java.util.Arrays.copyOf(keys, n * 2);
                    values = java.util.Arrays.copyOf(values, n * 2);
                }
                keys[n] = k;
                values[n] = v;
                n++;
                last = k;
            }
        }
        return new long[][] {java.util.Arrays.copyOf(keys, n), java.util.Arrays.copyOf(values, n)};
    }

    /** Distance behind the allocation cursor: 0 for the block allocated last (the allocator moves forward and wraps). */
    private long recency(long block) {
        long n = Math.max(1, scan.deviceBlocks());
        return Math.floorMod(cursor - 1 - block, n);
    }

    private static String blocks(List<Long> blocks) {
        return blocks.toString();
    }
}
