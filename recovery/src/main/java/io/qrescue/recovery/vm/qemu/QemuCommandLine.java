package io.qrescue.recovery.vm.qemu;

import java.util.ArrayList;
import java.util.List;

/** Builds the qemu-system-x86_64 argument list for a {@link VmSpec}; no process is started here. */
public final class QemuCommandLine {
    /**
     * Always on the kernel command line: serial console, quiet boot, a panic ends the VM at once, and no IO-APIC
     * timer check (on a busy host TCG delivers the first timer interrupts late and the kernel panics with
     * "IO-APIC + timer doesn't work!").
     */
    static final String BASE_KERNEL_ARGUMENTS = "console=ttyS0 quiet loglevel=3 panic=-1 no_timer_check";

    private QemuCommandLine() {
    }

    /** The arguments, program first. The console is the first serial port on qemu's stdin/stdout. */
    public static List<String> build(String qemuBinary, VmSpec spec, boolean consoleOnStdio) {
        List<String> args = new ArrayList<>(List.of(qemuBinary,
                "-accel", spec.accelerator().qemuName(),
                "-m", Integer.toString(spec.memoryMiB()), "-smp", "1",
                "-nodefaults", "-no-user-config", "-display", "none", "-no-reboot",
                "-serial", consoleOnStdio ? "stdio" : "mon:stdio",
                "-kernel", spec.kernel().toString()));
        if (spec.initramfs() != null) {
            args.add("-initrd");
            args.add(spec.initramfs().toString());
        }
        args.add("-append");
        args.add((BASE_KERNEL_ARGUMENTS + " " + spec.kernelArguments()).trim());
        int index = 0;
        for (VmDisk disk : spec.disks()) {
            String id = "d" + index++;
            args.add("-drive");
            args.add(driveOption(disk, id));
            // serial= is a property of the virtio-blk device, so the drive must be if=none plus a -device
            args.add("-device");
            args.add("virtio-blk-pci,drive=" + id + ",serial=" + disk.serial());
        }
        args.addAll(spec.extraQemuArguments());
        return args;
    }

    static String driveOption(VmDisk disk, String id) {
        if (disk.access() == DiskAccess.NBD_EXPORT) {
            return "driver=raw,file.driver=nbd,file.server.type=unix,file.server.path="
                    + escape(disk.path().toAbsolutePath().toString()) + ",if=none,id=" + id + ",readonly=on";
        }
        StringBuilder option = new StringBuilder("file=").append(escape(disk.path().toAbsolutePath().toString()))
                .append(",format=raw,if=none,id=").append(id);
        switch (disk.access()) {
            case SNAPSHOT -> option.append(",snapshot=on");
            case READ_ONLY -> option.append(",readonly=on");
            // a full host disk must reach the guest as an I/O error, not pause the VM (qemu's default for ENOSPC)
            case WRITABLE -> option.append(",cache=writeback,werror=report,rerror=report");
            default -> throw new IllegalStateException("access " + disk.access());
        }
        return option.toString();
    }

    /** qemu option values escape a comma by doubling it. */
    static String escape(String value) {
        return value.replace(",", ",,");
    }
}
