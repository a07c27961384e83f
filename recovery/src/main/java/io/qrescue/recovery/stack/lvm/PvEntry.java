package io.qrescue.recovery.stack.lvm;

import java.util.List;

/**
 * A PV as the VG metadata lists it under {@code physical_volumes}: key ("pv0"), {@code id} (dashed UUID),
 * device hint, sizes in 512-byte sectors, and extent count.
 */
public record PvEntry(String name, String id, String device, List<String> status, List<String> flags,
        long devSizeSectors, long peStartSectors, long peCount) {

    public PvEntry {
        status = List.copyOf(status);
        flags = List.copyOf(flags);
    }

    /** The id without dashes, as in the PV label. */
    public String rawId() {
        return LvmUuid.raw(id);
    }
}
