package io.qrescue.recovery.stack.partition;

import io.qrescue.recovery.stack.finding.Finding;
import java.util.List;

/**
 * The partitions of a disk image as its table states them, in table order, with what was noticed while reading
 * it. {@code usedBackupGpt} tells that the primary GPT was unusable and the backup at the disk end was read.
 */
public record PartitionTable(PartitionScheme scheme, String diskGuid, boolean usedBackupGpt, List<Partition> partitions,
        List<Finding> findings) {

    public PartitionTable {
        partitions = List.copyOf(partitions);
        findings = List.copyOf(findings);
    }

    /** The partition with Linux number {@code number}, or null. */
    public Partition partition(int number) {
        for (Partition p : partitions) {
            if (p.number() == number) {
                return p;
            }
        }
        return null;
    }
}
