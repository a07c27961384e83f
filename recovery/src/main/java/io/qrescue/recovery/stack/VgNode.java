package io.qrescue.recovery.stack;

import io.qrescue.recovery.stack.finding.Finding;
import io.qrescue.recovery.stack.lvm.MetadataCopy;
import io.qrescue.recovery.stack.lvm.VolumeGroup;
import java.util.List;
import java.util.Map;

/**
 * A VG: the metadata copy it was decoded from ({@code chosen}: as lvm2 chooses, the committed copy with a good
 * checksum and the highest seqno), every copy found on its PVs (older generations included), its PVs by metadata
 * key ("pv0" → node; absent when the PV was not found), all LVs in metadata order and the thin pools among them;
 * {@code doubt} says why none of what the metadata places can be vouched for (no committed copy verifies, so an
 * unverified or older one was decoded), null when the chosen copy verifies.
 */
public record VgNode(String name, VolumeGroup vg, MetadataCopy chosen, List<MetadataCopy> copies,
        Map<String, PvNode> pvs, List<LvNode> lvs, List<PoolNode> pools, List<Finding> findings, String doubt) {

    public VgNode {
        copies = List.copyOf(copies);
        pvs = Map.copyOf(pvs);
        lvs = List.copyOf(lvs);
        pools = List.copyOf(pools);
        findings = List.copyOf(findings);
    }

    public LvNode lv(String name) {
        for (LvNode n : lvs) {
            if (n.name().equals(name)) {
                return n;
            }
        }
        return null;
    }

    public PoolNode pool(String name) {
        for (PoolNode p : pools) {
            if (p.pool().name().equals(name)) {
                return p;
            }
        }
        return null;
    }
}
