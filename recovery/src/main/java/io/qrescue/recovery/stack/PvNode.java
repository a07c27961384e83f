package io.qrescue.recovery.stack;

import io.qrescue.recovery.stack.finding.Finding;
import io.qrescue.recovery.stack.lvm.PvScan;
import java.util.List;

/**
 * An LVM PV found on an md array or a partition: what {@link io.qrescue.recovery.stack.lvm.PvReader} read, its size
 * (limited to the DRBD la_sect when a DRBD tail is present) and where its bytes lie on the images.
 * {@code findings} are the reader's, moved to image offsets of the first placement; {@code doubt} says why none of
 * its bytes can be vouched for (the md array below is in doubt), null when they can.
 */
public record PvNode(String label, long sizeBytes, PvScan scan, List<Placement> placements, List<Finding> findings,
        String doubt) {

    public PvNode {
        placements = List.copyOf(placements);
        findings = List.copyOf(findings);
    }

    /** The 32-character PV UUID from the label, or null without a label. */
    public String uuid() {
        return scan.label() == null ? null : scan.label().pvUuid();
    }
}
