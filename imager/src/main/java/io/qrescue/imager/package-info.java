/**
 * Reads failing disks: the block-device abstraction, the GNU ddrescue 1.27 rescue algorithm and the
 * direct-I/O copy pipeline, and the inventory of the machine's disks. Depends on the mapfile module, and on
 * OSHI in {@code inventory} only.
 */
package io.qrescue.imager;
