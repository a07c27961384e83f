package io.qrescue.recovery.vm.rescue;

import io.qrescue.recovery.vm.qemu.Accelerator;
import java.time.Duration;

/** Settings of one {@code qrescue boot} run: accelerator, guest memory and the three timeouts. */
public record BootOptions(Accelerator accelerator, int memoryMiB, Duration bootTimeout, Duration stepTimeout,
                          Duration jobTimeout) {
}
