package io.qrescue.imager.inventory;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What the system says about one block device. Text the system does not know is empty, never null or
 * "unknown".
 *
 * @param path               the device node, e.g. {@code /dev/sdb}
 * @param model              vendor model string; empty if unknown
 * @param serial             serial number; empty if unknown (USB bridges often hide it)
 * @param sizeBytes          size of the device, positive (devices of size 0, such as an empty card reader,
 *                           are not listed)
 * @param logicalSectorSize  the smallest unit the device addresses; partitions inherit their disk's
 * @param physicalSectorSize the unit the medium writes (4096 on "512e" disks)
 * @param mountPoints        where this device is mounted, and for a disk where its partitions are
 * @param filesystemType     the filesystem on this device itself (not on its partitions), if known
 * @param partitions         for a disk, its partitions' device nodes; empty for a partition
 */
public record DeviceInfo(
        Path path,
        DeviceKind kind,
        String model,
        String serial,
        long sizeBytes,
        OptionalInt logicalSectorSize,
        OptionalInt physicalSectorSize,
        Rotational rotational,
        List<String> mountPoints,
        Optional<String> filesystemType,
        List<Path> partitions) {

    public DeviceInfo {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(logicalSectorSize, "logicalSectorSize");
        Objects.requireNonNull(physicalSectorSize, "physicalSectorSize");
        Objects.requireNonNull(rotational, "rotational");
        Objects.requireNonNull(filesystemType, "filesystemType");
        mountPoints = List.copyOf(mountPoints);
        partitions = List.copyOf(partitions);
        if (sizeBytes <= 0) {
            throw new IllegalArgumentException(path + ": size " + sizeBytes);
        }
    }

    /** Whether this device, or for a disk one of its partitions, is mounted. */
    public boolean isMounted() {
        return !mountPoints.isEmpty();
    }
}
