package io.qrescue.recovery.vm.qemu;

/** How the guest may use an attached file. */
public enum DiskAccess {
    /** The guest may write, but writes go to a throw-away overlay; qemu opens the file read-only. */
    SNAPSHOT,
    /** The guest sees a read-only disk. */
    READ_ONLY,
    /** The guest writes the file itself: only for qrescue's own job and output disks. */
    WRITABLE,
    /**
     * The guest sees a read-only disk that qemu reads over NBD from the Unix socket at the disk's path (a volume
     * qrescue serves itself); there is no file to protect or checksum.
     */
    NBD_EXPORT
}
