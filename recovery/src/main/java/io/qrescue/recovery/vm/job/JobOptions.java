package io.qrescue.recovery.vm.job;

import io.qrescue.recovery.vm.qemu.Accelerator;
import io.qrescue.recovery.vm.qemu.VmDisk;
import java.time.Duration;
import java.util.List;

/**
 * How to run a job: accelerator, guest memory, the user's disks (attached first, in order), timeouts for boot and
 * for the job, the sizes of the results disk (QRES) and of the raw output disk (QOUT, none when 0), and extra
 * kernel arguments.
 */
public record JobOptions(Accelerator accelerator, int memoryMiB, List<VmDisk> disks, Duration bootTimeout,
                         Duration jobTimeout, long resultDiskBytes, long outputDiskBytes, String extraKernelArguments) {

    public JobOptions {
        disks = List.copyOf(disks);
        if (resultDiskBytes < (1 << 20)) {
            throw new IllegalArgumentException("result disk below 1 MiB: " + resultDiskBytes);
        }
        if (outputDiskBytes < 0) {
            throw new IllegalArgumentException("negative output disk size: " + outputDiskBytes);
        }
        extraKernelArguments = extraKernelArguments == null ? "" : extraKernelArguments;
    }

    /** Defaults for TCG: 512 MiB, boot within 120 s, the job within {@code jobTimeout}, 64 MiB of results. */
    public static JobOptions defaults(Accelerator accelerator, List<VmDisk> disks, Duration jobTimeout) {
        return new JobOptions(accelerator, 512, disks, Duration.ofSeconds(120), jobTimeout, 64L << 20, 0, "");
    }

    /** A copy with other timeouts. */
    public JobOptions withTimeouts(Duration boot, Duration job) {
        return new JobOptions(accelerator, memoryMiB, disks, boot, job, resultDiskBytes, outputDiskBytes,
                extraKernelArguments);
    }
}
