package io.qrescue.imager.os.linux.jna;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.Optional;

/**
 * glibc's file calls on 64-bit Linux, one method per C function. Sizes and offsets are {@code long} because
 * {@code size_t}, {@code ssize_t}, {@code off_t} and {@code unsigned long} are 64 bits wide on LP64 Linux.
 * Buffers must be direct; JNA passes their native address. Calls return -1 on failure and leave the cause in
 * {@link #errno()}, except {@code posix_fadvise}, which returns the error number itself.
 */
public interface LinuxLibc extends Library {

    // open(2) flags. Values differ between architectures for O_DIRECT only (among those used here).
    int O_RDONLY = 0;
    int O_WRONLY = 1;
    int O_RDWR = 2;
    int O_CREAT = 0100;
    int O_TRUNC = 01000;
    int O_CLOEXEC = 02000000;
    /** x86-64 and riscv64: 040000; aarch64 (and arm): 0200000, where 040000 is O_DIRECTORY. */
    int O_DIRECT = isArm() ? 0200000 : 040000;

    int SEEK_SET = 0;
    int SEEK_END = 2;

    // <linux/fs.h>, generic ioctl encoding (x86-64, aarch64, riscv64): _IOR(0x12, 114, size_t), _IO(0x12, 104), ...
    long BLKGETSIZE64 = 0x80081272L;
    long BLKSSZGET = 0x1268L;
    long BLKPBSZGET = 0x127BL;

    int POSIX_FADV_SEQUENTIAL = 2;
    int POSIX_FADV_NOREUSE = 5;

    // errno values (asm-generic/errno-base.h), the ones the callers treat specially.
    int EINTR = 4;
    int EINVAL = 22;
    int ENOTTY = 25;

    int open(String path, int flags, int mode);

    int close(int fd);

    long pread(int fd, ByteBuffer buf, long count, long offset);

    long pwrite(int fd, ByteBuffer buf, long count, long offset);

    long lseek(int fd, long offset, int whence);

    int fsync(int fd);

    int fdatasync(int fd);

    int ftruncate(int fd, long length);

    /** For BLKGETSIZE64: the kernel stores a u64 in {@code out[0]}. */
    int ioctl(int fd, long request, long[] out);

    /** For BLKSSZGET and BLKPBSZGET: the kernel stores an int in {@code out[0]}. */
    int ioctl(int fd, long request, int[] out);

    int posix_fadvise(int fd, long offset, long len, int advice);

    /** errno of the last call made through JNA on this thread (JNA saves it right after each call). */
    static int errno() {
        return Native.getLastError();
    }

    /** The C library, or empty if JNA or libc cannot be loaded here (not Linux, no native support). */
    static Optional<LinuxLibc> load() {
        try {
            return Optional.of(Native.load("c", LinuxLibc.class));
        } catch (UnsatisfiedLinkError | NoClassDefFoundError | ExceptionInInitializerError | SecurityException e) {
            return Optional.empty();
        }
    }

    private static boolean isArm() {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        return arch.equals("aarch64") || arch.startsWith("arm");
    }
}
