package io.qrescue.recovery.stack;

import io.qrescue.recovery.source.ExtentMap;
import io.qrescue.recovery.source.ImageSource;
import io.qrescue.recovery.stack.finding.Finding;
import io.qrescue.recovery.stack.lvm.LogicalVolume;
import java.util.List;
import java.util.Map;

/**
 * An LV: its metadata, size, its bytes on each PV ({@code byPv}: LV bytes → PV bytes) and on the images
 * ({@code placements}: LV bytes → image bytes, preferred first, with the runs no segment maps as doubts; empty for
 * thin volumes and pools, whose bytes come from the pool's data, and for LVs that cannot be placed — see findings),
 * and {@code doubt}: why none of its bytes can be vouched for (its VG's metadata or its PV is in doubt), or null.
 */
public record LvNode(LogicalVolume lv, long sizeBytes, Map<String, ExtentMap> byPv, List<Placement> placements,
        List<Finding> findings, String doubt) {

    public LvNode {
        byPv = Map.copyOf(byPv);
        placements = List.copyOf(placements);
        findings = List.copyOf(findings);
    }

    public String name() {
        return lv.name();
    }

    /** The LV's bytes read from the preferred placement, or null when it has none. */
    public ImageSource open() {
        return placements.isEmpty() ? null : placements.get(0).open();
    }
}
