package io.qrescue.recovery.stack;

import io.qrescue.recovery.source.ImageSource;
import io.qrescue.recovery.stack.partition.PartitionTable;
import java.util.List;

/** One scanned image: its partition table and one node per partition (one whole-image node without a table). */
public record DiskNode(int index, String name, ImageSource source, long sizeBytes, PartitionTable table,
        List<PartitionNode> partitions) {

    public DiskNode {
        partitions = List.copyOf(partitions);
    }
}
