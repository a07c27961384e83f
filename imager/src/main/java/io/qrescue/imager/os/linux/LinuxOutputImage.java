package io.qrescue.imager.os.linux;

import io.qrescue.imager.os.linux.jna.LinuxLibc;
import io.qrescue.imager.output.RawImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * The output file opened with O_DIRECT (ddrescue -D): {@code O_RDWR|O_CREAT|O_DIRECT}, mode 0666 less the umask,
 * never truncated on open. Read access is needed because unaligned writes are widened by read-modify-write
 * ({@link io.qrescue.imager.output.SectorAlignedImage}). Buffers passed in must be page-aligned direct buffers.
 */
public final class LinuxOutputImage implements RawImage {

    /** The smallest logical sector there is: a short direct read that ends off it has reached end of file. */
    private static final int MIN_SECTOR = 512;
    private static final int EIO = 5;

    private final LinuxLibc libc;
    private final Path path;
    private int fd;

    private LinuxOutputImage(LinuxLibc libc, Path path, int fd) {
        this.libc = libc;
        this.path = path;
        this.fd = fd;
    }

    /**
     * Opens or creates {@code path} for direct I/O.
     *
     * @throws IOException also when the file system refuses O_DIRECT (EINVAL), as ddrescue fails then
     */
    public static LinuxOutputImage openDirect(Path path) throws IOException {
        LinuxLibc libc = NativeLibc.INSTANCE.orElseThrow(() -> new IOException("native I/O is not available"));
        int fd = libc.open(path.toString(),
                LinuxLibc.O_RDWR | LinuxLibc.O_CREAT | LinuxLibc.O_CLOEXEC | LinuxLibc.O_DIRECT, 0666);
        if (fd < 0) {
            throw NativeErrors.failure(path, "open", LinuxLibc.errno());
        }
        return new LinuxOutputImage(libc, path, fd);
    }

    @Override
    public int readAt(long pos, ByteBuffer dst) throws IOException {
        int total = 0;
        int length = dst.remaining();
        while (total < length) {
            long n = libc.pread(fd, dst.slice(), length - total, pos + total);
            if (n < 0 && LinuxLibc.errno() == LinuxLibc.EINTR) {
                continue;
            }
            if (n < 0) {
                throw NativeErrors.failure(path, "pread", LinuxLibc.errno());
            }
            if (n == 0) {
                break;
            }
            total += (int) n;
            dst.position(dst.position() + (int) n);
            if (total % MIN_SECTOR != 0) {
                break;
            }
        }
        return total;
    }

    @Override
    public void writeAt(long pos, ByteBuffer src) throws IOException {
        while (src.hasRemaining()) {
            long n = libc.pwrite(fd, src.slice(), src.remaining(), pos);
            if (n < 0 && LinuxLibc.errno() == LinuxLibc.EINTR) {
                continue;
            }
            if (n <= 0) {
                throw NativeErrors.failure(path, "pwrite", n < 0 ? LinuxLibc.errno() : EIO);
            }
            src.position(src.position() + (int) n);
            pos += n;
        }
    }

    @Override
    public long size() throws IOException {
        long end = libc.lseek(fd, 0, LinuxLibc.SEEK_END);
        if (end < 0) {
            throw NativeErrors.failure(path, "lseek", LinuxLibc.errno());
        }
        return end;
    }

    @Override
    public void truncate(long size) throws IOException {
        if (libc.ftruncate(fd, size) != 0) {
            throw NativeErrors.failure(path, "ftruncate", LinuxLibc.errno());
        }
    }

    /** fdatasync: O_DIRECT skips the page cache but not the disk's write cache. */
    @Override
    public void sync() throws IOException {
        // EINVAL: this file cannot be synced; ddrescue ignores it (spec 2.2, -y)
        if (libc.fdatasync(fd) != 0 && LinuxLibc.errno() != LinuxLibc.EINVAL) {
            throw NativeErrors.failure(path, "fdatasync", LinuxLibc.errno());
        }
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
}
