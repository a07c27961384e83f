/**
 * The storage stack of one or more disk images as a plain tree: {@link io.qrescue.recovery.stack.StackScanner}
 * runs the partition, md, DRBD and LVM readers and returns a {@link io.qrescue.recovery.stack.StorageStack}
 * (disks → partitions → md arrays → PVs → VGs → LVs and thin pools), every finding attached at image offsets
 * and every LV placed on image bytes as an {@link io.qrescue.recovery.source.ExtentMap}.
 */
package io.qrescue.recovery.stack;
