package io.qrescue.imager.device;

/**
 * Why a read failed, with the Linux errno ddrescue would see. ddrescue treats some causes as fatal when nothing
 * was read (the device is gone or the request is wrong), and all others as a bad area of the disk.
 */
public enum ReadError {
    NONE(0, "Success"),
    EPERM(1, "Operation not permitted"),
    ENOENT(2, "No such file or directory"),
    EIO(5, "Input/output error"),
    ENXIO(6, "No such device or address"),
    EBADF(9, "Bad file descriptor"),
    ENOMEM(12, "Cannot allocate memory"),
    EACCES(13, "Permission denied"),
    EBUSY(16, "Device or resource busy"),
    ENODEV(19, "No such device"),
    EISDIR(21, "Is a directory"),
    EINVAL(22, "Invalid argument"),
    ESPIPE(29, "Illegal seek"),
    ENOSYS(38, "Function not implemented"),
    ENOBUFS(105, "No buffer space available"),
    /**
     * qrescue's own per-read deadline ran out (see {@code DeadlineDevice}). An ordinary read error for the map,
     * like EIO; never the result of {@link #ofErrno}, so a kernel ETIMEDOUT stays EIO as in ddrescue.
     */
    TIMEOUT(110, "Read timed out");

    private final int errno;
    private final String description;

    ReadError(int errno, String description) {
        this.errno = errno;
        this.description = description;
    }

    /**
     * The cause for a Linux errno. Any errno without a constant here (EIO, ETIMEDOUT, EMEDIUMTYPE, ...) is an
     * ordinary read error for ddrescue and maps to {@link #EIO}; 0 maps to {@link #NONE}.
     */
    public static ReadError ofErrno(int errno) {
        for (ReadError e : values()) {
            if (e.errno == errno && e != TIMEOUT) {
                return e;
            }
        }
        return EIO;
    }

    public int errno() {
        return errno;
    }

    /** strerror's text for the errno. */
    public String description() {
        return description;
    }

    /**
     * True if ddrescue ends the run when a read with this cause copied nothing (spec 2.2: EACCES, EBADF, EBUSY,
     * EISDIR, ENOBUFS, ENODEV, ENOENT, ENOMEM, ENOSYS, ENXIO, EPERM, ESPIPE). EINVAL is fatal as well but gets
     * its own message ("Unaligned read error").
     */
    public boolean isFatal() {
        return switch (this) {
            case EACCES, EBADF, EBUSY, EISDIR, ENOBUFS, ENODEV, ENOENT, ENOMEM, ENOSYS, ENXIO, EPERM, ESPIPE -> true;
            default -> false;
        };
    }
}
