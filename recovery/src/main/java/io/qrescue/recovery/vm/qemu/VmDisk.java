package io.qrescue.recovery.vm.qemu;

import java.nio.file.Path;
import java.util.Objects;

/** A file (or an NBD export) attached as a virtio-blk disk; the guest finds it as /dev/by-serial/SERIAL. */
public record VmDisk(String serial, Path path, DiskAccess access) {
    /** virtio-blk serial numbers are at most 20 bytes. */
    public static final int MAX_SERIAL_LENGTH = 20;

    public VmDisk {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(access, "access");
        if (serial == null || !serial.matches("[A-Za-z0-9_-]{1," + MAX_SERIAL_LENGTH + "}")) {
            throw new IllegalArgumentException("disk serial must be 1 to 20 of [A-Za-z0-9_-]: " + serial);
        }
    }

    /** A user's image: the guest may write, the file never changes. */
    public static VmDisk protectedImage(String serial, Path path) {
        return new VmDisk(serial, path, DiskAccess.SNAPSHOT);
    }

    /** A read-only disk whose bytes come from the NBD server listening on the Unix socket {@code socket}. */
    public static VmDisk nbdExport(String serial, Path socket) {
        return new VmDisk(serial, socket, DiskAccess.NBD_EXPORT);
    }

    /** True when the guest reads a file of the host directly (every access but {@link DiskAccess#NBD_EXPORT}). */
    public boolean isFile() {
        return access != DiskAccess.NBD_EXPORT;
    }
}
