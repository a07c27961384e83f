package io.qrescue.recovery.stack.drbd;

import io.qrescue.recovery.stack.finding.Finding;
import java.util.List;

/** Result of looking for DRBD metadata at an array's end: the metadata (null when absent) and findings. */
public record DrbdTail(DrbdMetadata metadata, List<Finding> findings) {

    public DrbdTail {
        findings = List.copyOf(findings);
    }
}
