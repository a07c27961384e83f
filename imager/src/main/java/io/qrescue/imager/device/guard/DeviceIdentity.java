package io.qrescue.imager.device.guard;

import java.util.Objects;

/**
 * What makes a disk the same disk after it dropped off the bus: serial number and size. The node name is not
 * part of it, because the kernel may give the returning disk another one ({@code /dev/sdb} becomes
 * {@code /dev/sdc}).
 *
 * @param serial    the serial number, not blank (a disk without one cannot be recognised again)
 * @param sizeBytes the size, positive
 */
public record DeviceIdentity(String serial, long sizeBytes) {

    public DeviceIdentity {
        Objects.requireNonNull(serial, "serial");
        if (serial.isBlank()) {
            throw new IllegalArgumentException("a device without a serial number cannot be recognised again");
        }
        if (sizeBytes <= 0) {
            throw new IllegalArgumentException("size must be positive: " + sizeBytes);
        }
    }

    @Override
    public String toString() {
        return "(serial " + serial + ", " + sizeBytes + " bytes)";
    }
}
