/**
 * Reads failing disks: the block-device abstraction, the GNU ddrescue 1.27 rescue algorithm and the
 * direct-I/O copy pipeline. Depends on the mapfile module only.
 */
package io.qrescue.imager;
