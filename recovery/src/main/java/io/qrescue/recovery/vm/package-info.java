/**
 * The recovery VM: a small Linux appliance built from the host's Debian packages ({@code appliance}), a QEMU
 * runner that never lets a guest write an image ({@code qemu}), the job protocol between host and appliance
 * ({@code job}), getting files out of an md/LVM stack ({@code rescue}) and generating QNAP-like test volumes
 * ({@code volume}). Nothing here prints: results come back as values, progress through listeners.
 */
package io.qrescue.recovery.vm;
