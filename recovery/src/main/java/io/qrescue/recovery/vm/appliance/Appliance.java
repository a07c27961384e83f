package io.qrescue.recovery.vm.appliance;

import java.nio.file.Path;

/** A built appliance: the kernel and initramfs to boot, and the stamp of the inputs they were made from. */
public record Appliance(Path kernel, Path initramfs, ApplianceStamp stamp, Path cacheDir) {
}
