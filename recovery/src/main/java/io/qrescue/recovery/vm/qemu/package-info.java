/**
 * Running qemu-system-x86_64: the command line ({@link io.qrescue.recovery.vm.qemu.QemuCommandLine}, pure), the
 * disks and how the guest may use them ({@link io.qrescue.recovery.vm.qemu.VmDisk}), a started VM with its serial
 * console as a stream pair that is always stopped by its PID ({@link io.qrescue.recovery.vm.qemu.RunningVm}), the
 * KVM-or-TCG choice, and the image checksums taken before and after every run.
 */
package io.qrescue.recovery.vm.qemu;
