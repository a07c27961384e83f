package io.qrescue.recovery.stack;

import io.qrescue.recovery.stack.drbd.DrbdTail;
import io.qrescue.recovery.stack.finding.Finding;
import io.qrescue.recovery.stack.md.MdArray;
import java.util.List;

/**
 * An assembled md array, the DRBD tail on it (metadata null when none), the PV on it (null when none), its
 * placements (array bytes → image bytes, chosen member first), findings at image offsets, and {@code doubt}: why
 * none of the array's bytes can be vouched for (the member read is not an in-sync one), null when they can.
 */
public record ArrayNode(MdArray array, DrbdTail drbd, PvNode pv, List<Placement> placements, List<Finding> findings,
        String doubt) {

    public ArrayNode {
        placements = List.copyOf(placements);
        findings = List.copyOf(findings);
    }
}
