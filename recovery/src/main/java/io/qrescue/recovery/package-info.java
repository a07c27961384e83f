/**
 * Reads the storage stack of a NAS disk image (partitions, md, LVM, dm-thin with QNAP's variants) and gets
 * volumes and files out. Depends on the mapfile and imager modules.
 */
package io.qrescue.recovery;
