package io.qrescue.recovery.stack;

import io.qrescue.recovery.stack.drbd.DrbdTail;
import io.qrescue.recovery.stack.finding.Finding;
import io.qrescue.recovery.stack.md.MdArray;
import io.qrescue.recovery.stack.md.MdArraySource;
import java.util.List;

/**
 * An assembled md array: what the assembly decided ({@code array}), its bytes ({@code source}: the members read
 * through the array's layout, healing from copies and parity; null when the array cannot be read), the DRBD tail on
 * it (metadata null when none), the PV on it (null when none) and findings at image offsets.
 */
public record ArrayNode(MdArray array, MdArraySource source, DrbdTail drbd, PvNode pv, List<Finding> findings) {

    public ArrayNode {
        findings = List.copyOf(findings);
    }

    /** True when the array's bytes can be read here. */
    public boolean readable() {
        return source != null;
    }
}
