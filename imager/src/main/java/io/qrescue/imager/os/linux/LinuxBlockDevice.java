package io.qrescue.imager.os.linux;

import io.qrescue.imager.device.Alignment;
import io.qrescue.imager.device.BlockDevice;
import io.qrescue.imager.device.OpenOptions;
import io.qrescue.imager.device.ReadLoop;
import io.qrescue.imager.device.ReadOutcome;
import io.qrescue.imager.os.linux.jna.LinuxLibc;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A disk or image file read with {@code pread(2)}, opened read-only (never O_RDWR: a rescue must not write to
 * its source), with O_DIRECT when asked and allowed. A direct buffer (page-aligned for O_DIRECT, as the copy
 * pipeline's are) is read into straight; any other buffer goes through a page-aligned bounce buffer. With
 * O_DIRECT the position and length must still be multiples of the logical sector size, else the kernel refuses
 * the read with EINVAL (ddrescue: "Unaligned read error").
 */
public final class LinuxBlockDevice implements BlockDevice {

    /** Largest single pread; the kernel splits large requests anyway, and 8 MiB bounds the bounce buffer. */
    private static final int MAX_CALL_BYTES = 8 << 20;
    private static final int REGULAR_FILE_PHYSICAL_SECTOR = 4096;

    private final LinuxLibc libc;
    private final Path path;
    private final OpenOptions options;
    private final boolean direct;
    private final long sizeBytes;
    private final int logicalSectorSize;
    private final int physicalSectorSize;
    // A read that a deadline abandoned may still be running on another thread, writing (with O_DIRECT the
    // kernel writes) into its bounce buffer: each read checks a buffer out, and only a finished read gives
    // it back, so two reads never share one.
    private final AtomicReference<ByteBuffer> spareBounce =
            new AtomicReference<>(Alignment.allocateAligned(64 << 10, Alignment.PAGE_SIZE));
    private volatile int fd;

    private LinuxBlockDevice(LinuxLibc libc, Path path, OpenOptions options, int fd, boolean direct)
            throws IOException {
        this.libc = libc;
        this.path = path;
        this.options = options;
        this.fd = fd;
        this.direct = direct;
        long[] size = new long[1];
        int[] logical = new int[1];
        int[] physical = new int[1];
        if (libc.ioctl(fd, LinuxLibc.BLKGETSIZE64, size) == 0
                && libc.ioctl(fd, LinuxLibc.BLKSSZGET, logical) == 0
                && libc.ioctl(fd, LinuxLibc.BLKPBSZGET, physical) == 0) {
            sizeBytes = size[0];
            logicalSectorSize = logical[0];
            physicalSectorSize = physical[0];
        } else { // not a block device (ENOTTY): a regular file, whose end lseek finds
            sizeBytes = libc.lseek(fd, 0, LinuxLibc.SEEK_END);
            if (sizeBytes < 0) {
                int errno = LinuxLibc.errno();
                libc.close(fd);
                throw NativeErrors.failure(path, "lseek", errno);
            }
            logicalSectorSize = options.sectorSize();
            physicalSectorSize = REGULAR_FILE_PHYSICAL_SECTOR;
        }
    }

    /** True on Linux when the C library can be called (JNA loads). */
    public static boolean isAvailable() {
        return NativeLibc.INSTANCE.isPresent();
    }

    /**
     * Opens {@code path} read-only. If O_DIRECT is asked for but the file system refuses it (EINVAL, tmpfs), the
     * file is opened through the page cache instead and {@link #directIo()} is false.
     *
     * @throws IOException as the JDK would throw it (NoSuchFileException, AccessDeniedException, ...)
     */
    public static LinuxBlockDevice open(Path path, OpenOptions options) throws IOException {
        LinuxLibc libc = NativeLibc.INSTANCE.orElseThrow(() -> new IOException("native I/O is not available"));
        boolean direct = options.directIo();
        int fd = openReadOnly(libc, path, direct);
        if (fd < 0 && direct && LinuxLibc.errno() == LinuxLibc.EINVAL) {
            direct = false;
            fd = openReadOnly(libc, path, false);
        }
        if (fd < 0) {
            throw NativeErrors.failure(path, "open", LinuxLibc.errno());
        }
        return new LinuxBlockDevice(libc, path, options, fd, direct);
    }

    private static int openReadOnly(LinuxLibc libc, Path path, boolean direct) {
        int flags = LinuxLibc.O_RDONLY | LinuxLibc.O_CLOEXEC | (direct ? LinuxLibc.O_DIRECT : 0);
        int fd = libc.open(path.toString(), flags, 0);
        if (fd >= 0 && !direct) {
            // Whole-disk reads: double the readahead, and do not let a disk-sized stream evict the cache.
            // (Advice is meaningless with O_DIRECT, which bypasses the page cache.)
            libc.posix_fadvise(fd, 0, 0, LinuxLibc.POSIX_FADV_SEQUENTIAL);
            libc.posix_fadvise(fd, 0, 0, LinuxLibc.POSIX_FADV_NOREUSE);
        }
        return fd;
    }

    /** Size from BLKGETSIZE64 for a block device, from {@code lseek(SEEK_END)} for a regular file. */
    @Override
    public long size() {
        return sizeBytes;
    }

    /** The rescue's sector size (ddrescue -b), which may differ from the device's. */
    @Override
    public int sectorSize() {
        return options.sectorSize();
    }

    /** BLKSSZGET for a block device; the -b value for a regular file. */
    public int logicalSectorSize() {
        return logicalSectorSize;
    }

    /** BLKPBSZGET for a block device; 4096 for a regular file. */
    public int physicalSectorSize() {
        return physicalSectorSize;
    }

    @Override
    public boolean directIo() {
        return direct;
    }

    @Override
    public ReadOutcome read(long pos, ByteBuffer dst) {
        long start = options.time().epochNanos();
        int readFd = fd; // a reopen while this read is stuck must not change the descriptor under it
        if (dst.isDirect() && (!direct || dst.alignmentOffset(dst.position(), Alignment.PAGE_SIZE) == 0)) {
            ReadOutcome outcome = ReadLoop.readFully(pos, dst, MAX_CALL_BYTES, direct ? logicalSectorSize : 0,
                    (at, into, length) -> preadInto(readFd, at, into, length));
            return outcome.withDuration(options.time().epochNanos() - start);
        }
        ByteBuffer bounce = checkOutBounce(dst.remaining());
        ReadOutcome outcome = ReadLoop.readFully(pos, dst, bounce.capacity(), direct ? logicalSectorSize : 0,
                (at, into, length) -> pread(readFd, bounce, at, into, length));
        spareBounce.set(bounce);
        return outcome.withDuration(options.time().epochNanos() - start);
    }

    /** One pread straight into {@code dst} at its position: no copy in Java. */
    private long preadInto(int readFd, long pos, ByteBuffer dst, int length) {
        long n = libc.pread(readFd, dst.slice(dst.position(), length), length, pos);
        if (n < 0) {
            return -LinuxLibc.errno();
        }
        dst.position(dst.position() + (int) n);
        return n;
    }

    private long pread(int readFd, ByteBuffer bounce, long pos, ByteBuffer dst, int length) {
        bounce.clear();
        long n = libc.pread(readFd, bounce, length, pos);
        if (n < 0) {
            return -LinuxLibc.errno();
        }
        dst.put(bounce.limit((int) n));
        return n;
    }

    /** A bounce buffer for this read alone: the spare one if it is free and large enough, else a new one. */
    private ByteBuffer checkOutBounce(int requested) {
        ByteBuffer bounce = spareBounce.getAndSet(null);
        int wanted = (int) Math.min(MAX_CALL_BYTES, Alignment.alignUp(Math.max(requested, 1), Alignment.PAGE_SIZE));
        if (bounce == null || (bounce.capacity() < wanted && bounce.capacity() < MAX_CALL_BYTES)) {
            bounce = Alignment.allocateAligned(Math.max(wanted, 64 << 10), Alignment.PAGE_SIZE);
        }
        return bounce;
    }

    /** Closes and opens the file again with the same flags; false (and reads fail with EBADF) if it cannot. */
    @Override
    public boolean reopen() {
        if (fd >= 0) {
            libc.close(fd);
        }
        fd = openReadOnly(libc, path, direct);
        return fd >= 0;
    }

    @Override
    public void close() throws IOException {
        if (fd >= 0) {
            int result = libc.close(fd);
            int errno = LinuxLibc.errno();
            fd = -1;
            if (result != 0) {
                throw NativeErrors.failure(path, "close", errno);
            }
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "LinuxBlockDevice[%s, %d bytes, sectors %d/%d%s]", path, sizeBytes,
                logicalSectorSize, physicalSectorSize, direct ? ", O_DIRECT" : "");
    }
}
