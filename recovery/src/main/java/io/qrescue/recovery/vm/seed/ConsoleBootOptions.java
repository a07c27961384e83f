package io.qrescue.recovery.vm.seed;

import io.qrescue.recovery.vm.console.LoginSettings;
import io.qrescue.recovery.vm.qemu.Accelerator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * A run of a user's own kernel and initrd (QNAP's) driven over its serial console.
 *
 * @param kernel          bzImage
 * @param initrd          the initrd (QNAP: initrdC.boot), or null
 * @param kernelArguments appended to qrescue's console arguments (QNAP: root=/dev/ram0 rw init=/bin/busybox)
 * @param memoryMiB       guest memory (the QNAP initrd unpacks into RAM: 1024 as in the seed recipe)
 * @param accelerator     KVM or TCG
 * @param bus             how disks are attached
 * @param login           login name, password, prompts, boot and login timeouts
 * @param stepTimeout     limit per command of the plan
 * @param copyTimeout     limit for hashing and writing the files out
 */
public record ConsoleBootOptions(Path kernel, Path initrd, String kernelArguments, int memoryMiB,
                                 Accelerator accelerator, DiskBus bus, LoginSettings login, Duration stepTimeout,
                                 Duration copyTimeout) {

    /** The seed recipe's kernel command line for QNAP's recovery kernel (console=ttyS0 is always added). */
    public static final String QNAP_KERNEL_ARGUMENTS = "root=/dev/ram0 rw init=/bin/busybox";

    public ConsoleBootOptions {
        Objects.requireNonNull(kernel, "kernel");
        Objects.requireNonNull(accelerator, "accelerator");
        Objects.requireNonNull(bus, "bus");
        Objects.requireNonNull(login, "login");
        kernelArguments = kernelArguments == null ? "" : kernelArguments;
    }
}
