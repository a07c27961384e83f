package io.qrescue.imager.device.guard;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the node a disk is attached as now. The production implementation asks the device inventory afresh on
 * each call (a cached listing would never see the disk come back); tests use a fake.
 */
@FunctionalInterface
public interface DeviceLocator {

    /** The node of the device with this identity, or empty if it is not attached at the moment. */
    Optional<Path> locate(DeviceIdentity identity);
}
