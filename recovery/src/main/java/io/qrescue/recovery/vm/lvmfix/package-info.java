/**
 * QNAP volume-group metadata made acceptable to stock lvm2: reads the committed metadata text of a PV out of an
 * image (LVM label, pv_header, mda header, raw_locn), parses the text format, rewrites QNAP-only segment types
 * and flags into their stock form, and writes a file for {@code vgcfgrestore --force -f FILE VG}, which the VM
 * applies to a throw-away overlay, never to the image. What cannot be converted is reported, not hidden.
 */
package io.qrescue.recovery.vm.lvmfix;
