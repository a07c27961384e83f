package io.qrescue.recovery.stack;

import io.qrescue.recovery.stack.finding.Finding;
import io.qrescue.recovery.stack.md.MdProbe;
import io.qrescue.recovery.stack.partition.Partition;
import java.util.List;

/**
 * A partition (or the whole image when it has no table: {@code partition} null) and what it holds: an md
 * superblock ({@code mdArrayUuid} of its array), or an LVM PV directly ({@code pvLabel} set), or neither.
 */
public record PartitionNode(String label, Partition partition, long startBytes, long sizeBytes, MdProbe md,
        String mdArrayUuid, String pvLabel, List<Finding> findings) {

    public PartitionNode {
        findings = List.copyOf(findings);
    }
}
