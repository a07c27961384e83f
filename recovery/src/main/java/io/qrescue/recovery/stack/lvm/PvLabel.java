package io.qrescue.recovery.stack.lvm;

import java.util.List;

/**
 * The LVM label ("LABELONE", found in {@code labelSector} 0..3) and the pv_header after it. {@code pvUuid} is the
 * 32-character on-disk form (no dashes); {@code extensionVersion} is 0 for the old header QNAP's lvm writes.
 */
public record PvLabel(long labelSector, boolean crcOk, String pvUuid, long deviceSizeBytes, List<DiskArea> dataAreas,
        List<DiskArea> metadataAreas, long extensionVersion, long extensionFlags, List<DiskArea> bootloaderAreas) {

    public PvLabel {
        dataAreas = List.copyOf(dataAreas);
        metadataAreas = List.copyOf(metadataAreas);
        bootloaderAreas = List.copyOf(bootloaderAreas);
    }

    /** The UUID as lvm displays it: 6-4-4-4-4-4-6 groups. */
    public String pvUuidDisplay() {
        return LvmUuid.display(pvUuid);
    }

    /** pe_start in bytes as the first data area states it (-1 if none). */
    public long dataStartBytes() {
        return dataAreas.isEmpty() ? -1 : dataAreas.get(0).offsetBytes();
    }
}
