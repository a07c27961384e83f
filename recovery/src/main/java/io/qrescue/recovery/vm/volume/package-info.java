/**
 * QNAP-like test volumes made inside the appliance: a GPT disk laid out like a QNAP data disk (scaled down), md
 * RAID1 on partition 3, LVM vg1 with thin pool tp1, thin lv1/lv2 with ext4, files of known sha256, a thin
 * snapshot; variants with md 1.2, two members, and QNAP's {@code tier-thin-pool} segment type. The appliance
 * also captures the real tools' view of each volume (the oracle files tests compare readers against).
 */
package io.qrescue.recovery.vm.volume;
