/**
 * The recovery appliance: a kernel from /boot and an initramfs assembled from the host's Debian packages
 * (busybox-static, mdadm, lvm2, thin-provisioning-tools, e2fsprogs, cryptsetup, the kernel's own modules), written
 * as a reproducible newc cpio + gzip into a cache directory and rebuilt only when its {@link
 * io.qrescue.recovery.vm.appliance.ApplianceStamp} changes.
 */
package io.qrescue.recovery.vm.appliance;
