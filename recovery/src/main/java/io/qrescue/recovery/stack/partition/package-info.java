/**
 * Partition tables of a whole-disk image: the MBR (old QNAP firmware) and GPT with its protective MBR,
 * primary and backup headers and entry arrays (current QTS). {@link io.qrescue.recovery.stack.partition.PartitionTableReader}
 * checks both CRC32s and falls back to the backup GPT when the primary is damaged.
 */
package io.qrescue.recovery.stack.partition;
