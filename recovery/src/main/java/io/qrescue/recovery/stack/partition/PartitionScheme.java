package io.qrescue.recovery.stack.partition;

/** Which kind of table describes the partitions. */
public enum PartitionScheme {
    /** No valid table: the image is one unpartitioned device (a member partition imaged on its own). */
    NONE,
    MBR,
    GPT
}
