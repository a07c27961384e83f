package io.qrescue.recovery.imaging;

import io.qrescue.imager.inventory.DeviceInfo;
import io.qrescue.imager.inventory.Rotational;
import java.util.Optional;

/**
 * The default of {@code --queue-depth} by device type: one sequential stream for a spinning disk and for
 * anything not known to be flash (a regular file, a test-mode device, a disk that does not say), so the reads
 * are exactly ddrescue's; several reads in flight for a disk the kernel reports as non-rotational.
 */
final class QueueDepths {

    /** Measured on this project's bench (bench/results): 16 reads of 64 KiB reach the device's read limit. */
    static final int NON_ROTATIONAL = 16;

    private QueueDepths() {
    }

    /** The depth for the input {@code listed} in the inventory (empty: not a listed block device). */
    static int byDeviceType(Optional<DeviceInfo> listed) {
        return listed.map(DeviceInfo::rotational).orElse(Rotational.UNKNOWN) == Rotational.FALSE ? NON_ROTATIONAL : 1;
    }
}
