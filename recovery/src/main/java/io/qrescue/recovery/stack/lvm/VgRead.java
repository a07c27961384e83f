package io.qrescue.recovery.stack.lvm;

import io.qrescue.recovery.stack.finding.Finding;
import java.util.List;

/** A VG decoded from metadata text (null when the text holds none) with findings (offsets in the text). */
public record VgRead(VolumeGroup vg, List<Finding> findings) {

    public VgRead {
        findings = List.copyOf(findings);
    }
}
