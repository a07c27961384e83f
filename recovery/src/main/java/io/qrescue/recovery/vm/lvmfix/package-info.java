/**
 * QNAP volume-group metadata made acceptable to stock lvm2: finds the PVs of an image, takes the committed
 * metadata text that {@code stack.lvm}'s PvReader read (only when every checksum holds), rewrites QNAP-only segment
 * types and flags in the parsed tree into their stock form, and writes a file for
 * {@code vgcfgrestore --force -f FILE VG}, which the VM applies to a throw-away overlay, never to the image. What
 * cannot be converted is reported, not hidden.
 */
package io.qrescue.recovery.vm.lvmfix;
