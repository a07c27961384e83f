package io.qrescue.recovery.stack;

import io.qrescue.recovery.stack.finding.Finding;
import java.util.ArrayList;
import java.util.List;

/**
 * The storage stack read from a set of images: disks with their partitions, md arrays assembled across the
 * disks, PVs found directly on partitions, and VGs with LVs and pools. Offsets of findings are image offsets.
 */
public record StorageStack(List<DiskNode> disks, List<ArrayNode> arrays, List<PvNode> plainPvs,
        List<VgNode> volumeGroups, List<Finding> findings) {

    public StorageStack {
        disks = List.copyOf(disks);
        arrays = List.copyOf(arrays);
        plainPvs = List.copyOf(plainPvs);
        volumeGroups = List.copyOf(volumeGroups);
        findings = List.copyOf(findings);
    }

    public VgNode vg(String name) {
        for (VgNode v : volumeGroups) {
            if (v.name().equals(name)) {
                return v;
            }
        }
        return null;
    }

    /** Every LV of every VG, in VG then metadata order. */
    public List<LvNode> logicalVolumes() {
        return volumeGroups.stream().flatMap(v -> v.lvs().stream()).toList();
    }

    /** Every thin pool of every VG. */
    public List<PoolNode> pools() {
        return volumeGroups.stream().flatMap(v -> v.pools().stream()).toList();
    }

    /** Every finding of every node, in tree order (disks, arrays, PVs, VGs, LVs, pools), then the stack's own. */
    public List<Finding> allFindings() {
        List<Finding> out = new ArrayList<>();
        for (DiskNode d : disks) {
            out.addAll(d.table().findings());
            d.partitions().forEach(p -> out.addAll(p.findings()));
        }
        for (ArrayNode a : arrays) {
            out.addAll(a.findings());
            if (a.pv() != null) {
                out.addAll(a.pv().findings());
            }
        }
        plainPvs.forEach(p -> out.addAll(p.findings()));
        for (VgNode v : volumeGroups) {
            out.addAll(v.findings());
            v.lvs().forEach(l -> out.addAll(l.findings()));
            v.pools().forEach(p -> out.addAll(p.findings()));
        }
        out.addAll(findings);
        return out;
    }
}
