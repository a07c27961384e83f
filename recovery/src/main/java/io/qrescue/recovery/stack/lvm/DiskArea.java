package io.qrescue.recovery.stack.lvm;

/** A pv_header disk_area: {@code offsetBytes} from the PV start; {@code sizeBytes} 0 means "to the end of the device". */
public record DiskArea(long offsetBytes, long sizeBytes) {
}
