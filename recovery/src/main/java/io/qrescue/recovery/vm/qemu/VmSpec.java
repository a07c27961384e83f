package io.qrescue.recovery.vm.qemu;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Everything that defines one VM run: kernel, initramfs, kernel command line additions, memory, accelerator,
 * disks in attach order, and extra qemu arguments (e.g. a second serial port for a console driver).
 */
public record VmSpec(Path kernel, Path initramfs, String kernelArguments, int memoryMiB, Accelerator accelerator,
                     List<VmDisk> disks, List<String> extraQemuArguments) {

    public VmSpec {
        Objects.requireNonNull(kernel, "kernel");
        Objects.requireNonNull(accelerator, "accelerator");
        kernelArguments = kernelArguments == null ? "" : kernelArguments.trim();
        disks = List.copyOf(disks);
        extraQemuArguments = List.copyOf(extraQemuArguments);
        if (memoryMiB < 64) {
            throw new IllegalArgumentException("memory below 64 MiB: " + memoryMiB);
        }
        long serials = disks.stream().map(VmDisk::serial).distinct().count();
        if (serials != disks.size()) {
            throw new IllegalArgumentException("two disks with the same serial: " + disks);
        }
    }

}
