package io.qrescue.recovery.stack.lvm;

import java.util.List;

/**
 * A VG as its metadata text describes it. {@code extentSizeSectors} is in 512-byte sectors (QNAP: 8192 = 4 MiB);
 * {@code raw} keeps the whole section for keys this model does not name.
 */
public record VolumeGroup(String name, String id, long seqno, String format, List<String> status, List<String> flags,
        long extentSizeSectors, long maxLv, long maxPv, List<PvEntry> physicalVolumes,
        List<LogicalVolume> logicalVolumes, ConfigSection raw) {

    public VolumeGroup {
        status = List.copyOf(status);
        flags = List.copyOf(flags);
        physicalVolumes = List.copyOf(physicalVolumes);
        logicalVolumes = List.copyOf(logicalVolumes);
    }

    public long extentSizeBytes() {
        return extentSizeSectors * 512;
    }

    public LogicalVolume lv(String name) {
        for (LogicalVolume lv : logicalVolumes) {
            if (lv.name().equals(name)) {
                return lv;
            }
        }
        return null;
    }

    public PvEntry pv(String name) {
        for (PvEntry pv : physicalVolumes) {
            if (pv.name().equals(name)) {
                return pv;
            }
        }
        return null;
    }
}
