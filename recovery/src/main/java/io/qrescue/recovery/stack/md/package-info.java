/**
 * Linux md RAID: superblocks 0.90 (end of the member, 64 KiB aligned, host byte order) and 1.0/1.1/1.2
 * (end / start / 4 KiB), their checksums, which members of an array are in sync, and the RAID1 mapping of
 * array bytes onto a member ({@link io.qrescue.recovery.stack.md.MdArray#dataMap}).
 */
package io.qrescue.recovery.stack.md;
