package io.qrescue.recovery.cli;

import io.qrescue.recovery.vm.seed.DiskBus;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options of {@code qrescue boot --kernel}: how to log in on the user's kernel and how to attach the disks. */
final class ConsoleBootOptionsMixin {
    /** The disk attachment the user asked for. */
    enum BusChoice { ide, virtio }

    @Option(names = "--login-user", paramLabel = "NAME", description = "login name on the console [admin]")
    String loginUser = "admin";

    @Option(names = "--login-password", paramLabel = "PASSWORD", description = "password on the console [admin]")
    String loginPassword = "admin";

    @Option(names = "--append", paramLabel = "ARGS",
            description = "kernel arguments after console=ttyS0 [root=/dev/ram0 rw init=/bin/busybox]")
    String kernelArguments;

    @Option(names = "--disk-bus", paramLabel = "ide|virtio",
            description = "how --kernel sees the disks: ide (/dev/sda..., as in the seed recipe) or virtio [ide]")
    BusChoice bus = BusChoice.ide;

    @Option(names = "--memory", paramLabel = "MiB", description = "guest memory with --kernel [1024]")
    int memoryMiB = 1024;

    @Option(names = "--json", paramLabel = "FILE", description = "with --kernel: write the recovery plan as JSON")
    Path json;

    DiskBus diskBus() {
        return bus == BusChoice.virtio ? DiskBus.VIRTIO : DiskBus.IDE;
    }
}
