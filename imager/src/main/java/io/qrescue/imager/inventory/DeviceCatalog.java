package io.qrescue.imager.inventory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The block devices of this machine. Implementations never throw: what cannot be found is left out. */
public interface DeviceCatalog {

    /** Disks, each followed by its partitions; empty where the system tells nothing. */
    List<DeviceInfo> devices();

    /**
     * The device {@code path} names, following symbolic links such as {@code /dev/disk/by-id/...}; empty
     * for a path that is no known block device (a regular file, a character device, a missing file).
     */
    default Optional<DeviceInfo> find(Path path) {
        Path wanted = canonical(path);
        return devices().stream().filter(d -> d.path().equals(wanted) || d.path().equals(path)).findFirst();
    }

    /** The catalog of this machine, through OSHI and sysfs; it asks the system once, on first use. */
    static DeviceCatalog system() {
        return new OshiDeviceCatalog();
    }

    private static Path canonical(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException | RuntimeException e) {
            return path.toAbsolutePath().normalize();
        }
    }
}
