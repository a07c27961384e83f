package io.qrescue.recovery.stack.thin;

/**
 * One thin device's record in the device-details tree. Upstream values are 24 bytes; QNAP's are 32 (adds the
 * snapshot origin) or 44 (adds cloned time, a reserved word and the origin). Fields a layout lacks are
 * {@link #ABSENT}; {@code snapOrigin} is {@link #ABSENT} for ordinary volumes, as QNAP stores it.
 */
public record DeviceDetails(long deviceId, long mappedBlocks, long transactionId, long creationTime,
        long snapshottedTime, long clonedTime, long snapOrigin, int valueSizeBytes) {

    public static final long ABSENT = -1;

    /** Parses value {@code i} of a details leaf by the node's value size (24, 32 or 44); null for another size. */
    static DeviceDetails parse(long deviceId, byte[] block, int off, int valueSize) {
        long mapped = Le.u64(block, off);
        long trans = Le.u64(block, off + 8);
        long created = Le.u32AsLong(block, off + 16);
        long snapped = Le.u32AsLong(block, off + 20);
        return switch (valueSize) {
            case 24 -> new DeviceDetails(deviceId, mapped, trans, created, snapped, ABSENT, ABSENT, 24);
            case 32 -> new DeviceDetails(deviceId, mapped, trans, created, snapped, ABSENT, Le.u64(block, off + 24), 32);
            case 44 -> new DeviceDetails(deviceId, mapped, trans, created, snapped, Le.u32AsLong(block, off + 24),
                    Le.u64(block, off + 36), 44);
            default -> null;
        };
    }

    /** True when QNAP recorded that this device is a snapshot of another. */
    public boolean isSnapshot() {
        return snapOrigin != ABSENT;
    }
}
