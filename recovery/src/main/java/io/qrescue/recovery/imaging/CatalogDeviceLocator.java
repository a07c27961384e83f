package io.qrescue.recovery.imaging;

import io.qrescue.imager.device.guard.DeviceIdentity;
import io.qrescue.imager.device.guard.DeviceLocator;
import io.qrescue.imager.inventory.DeviceCatalog;
import io.qrescue.imager.inventory.DeviceInfo;
import io.qrescue.imager.inventory.DeviceKind;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Finds a disk again in the device inventory by serial number and size, and by kind, since a partition may
 * report its disk's serial. A new catalog is taken for each look because a catalog lists the system once.
 */
final class CatalogDeviceLocator implements DeviceLocator {

    private final Supplier<DeviceCatalog> catalogs;
    private final DeviceKind kind;

    CatalogDeviceLocator(Supplier<DeviceCatalog> catalogs, DeviceKind kind) {
        this.catalogs = catalogs;
        this.kind = kind;
    }

    /** The identity of a listed device, if it can be recognised again (it has a serial number). */
    static Optional<DeviceIdentity> identityOf(DeviceInfo device) {
        return device.serial().isBlank() ? Optional.empty()
                : Optional.of(new DeviceIdentity(device.serial(), device.sizeBytes()));
    }

    @Override
    public Optional<Path> locate(DeviceIdentity identity) {
        return catalogs.get().devices().stream()
                .filter(d -> d.kind() == kind && d.serial().equals(identity.serial())
                        && d.sizeBytes() == identity.sizeBytes())
                .map(DeviceInfo::path)
                .findFirst();
    }
}
