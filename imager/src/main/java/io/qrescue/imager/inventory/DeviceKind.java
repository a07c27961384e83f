package io.qrescue.imager.inventory;

/** Whole disk or a partition of one. */
public enum DeviceKind {
    DISK,
    PARTITION;

    /** "disk" or "partition", as lsblk names them. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
