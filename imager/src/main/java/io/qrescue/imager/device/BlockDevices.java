package io.qrescue.imager.device;

import io.qrescue.imager.os.linux.LinuxBlockDevice;
import java.io.IOException;
import java.nio.file.Path;

/** Opens sources: natively on Linux (O_DIRECT, real block-device sizes), else through the JDK. */
public final class BlockDevices {

    private BlockDevices() {
    }

    /**
     * Opens {@code path} read-only: a {@link LinuxBlockDevice} when the native C library is available, else a
     * {@link FileDevice} (which cannot bypass the page cache: its {@link BlockDevice#directIo()} is false).
     */
    public static BlockDevice open(Path path, OpenOptions options) throws IOException {
        if (LinuxBlockDevice.isAvailable()) {
            return LinuxBlockDevice.open(path, options);
        }
        return FileDevice.open(path, options.sectorSize(), options.time());
    }
}
