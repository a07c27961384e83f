package io.qrescue.recovery.testing;

import io.qrescue.imager.inventory.DeviceCatalog;
import io.qrescue.imager.inventory.DeviceInfo;
import io.qrescue.imager.inventory.DeviceKind;
import io.qrescue.imager.inventory.Rotational;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** A fixed list of devices; counts how often it was asked, so tests see when the system would be queried. */
public final class FakeDeviceCatalog implements DeviceCatalog {

    private final List<DeviceInfo> devices;
    private int queries;

    public FakeDeviceCatalog(DeviceInfo... devices) {
        this.devices = List.of(devices);
    }

    @Override
    public List<DeviceInfo> devices() {
        queries++;
        return devices;
    }

    /** How many times {@link #devices()} (also through {@link #find}) was called. */
    public int queries() {
        return queries;
    }

    /** An unmounted, unpartitioned spinning disk with 512-byte logical and 4096-byte physical sectors. */
    public static DeviceInfo disk(String path, String model, String serial, long sizeBytes) {
        return new DeviceInfo(Path.of(path), DeviceKind.DISK, model, serial, sizeBytes, OptionalInt.of(512),
                OptionalInt.of(4096), Rotational.TRUE, List.of(), Optional.empty(), List.of());
    }

    /** {@code d} with these mount points. */
    public static DeviceInfo mounted(DeviceInfo d, String... mountPoints) {
        return new DeviceInfo(d.path(), d.kind(), d.model(), d.serial(), d.sizeBytes(), d.logicalSectorSize(),
                d.physicalSectorSize(), d.rotational(), List.of(mountPoints), d.filesystemType(), d.partitions());
    }

    /** {@code d} holding a filesystem of this type. */
    public static DeviceInfo withFilesystem(DeviceInfo d, String type) {
        return new DeviceInfo(d.path(), d.kind(), d.model(), d.serial(), d.sizeBytes(), d.logicalSectorSize(),
                d.physicalSectorSize(), d.rotational(), d.mountPoints(), Optional.of(type), d.partitions());
    }
}
