package io.qrescue.recovery.stack.lvm;

/** A raw_locn of an mda header: text at {@code offsetBytes} from the mda start, {@code sizeBytes} incl. the NUL. */
public record RawLocation(long offsetBytes, long sizeBytes, long checksum, long flags) {

    /** Flag bit 0: this mda is ignored by lvm (metadataignore). */
    public boolean ignored() {
        return (flags & 1) != 0;
    }
}
