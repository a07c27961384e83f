/**
 * Test-only writers of on-disk structures (GPT/MBR, md superblocks, LVM PV label/mda/text) built from the format
 * notes, checked against mdadm and lvm2 in the integration tests, and a QNAP-shaped disk made from them.
 */
package io.qrescue.recovery.stack.testing;
