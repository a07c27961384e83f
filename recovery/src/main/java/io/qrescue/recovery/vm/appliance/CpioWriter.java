package io.qrescue.recovery.vm.appliance;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes a cpio archive in the "newc" format the kernel unpacks as initramfs: a 110-byte ASCII header per entry
 * (magic 070701, thirteen 8-digit hex fields), the NUL-terminated name, padding to 4 bytes, the data, padding
 * to 4 bytes, and a final entry named TRAILER!!!. Owner, times and device numbers are fixed so equal trees give
 * equal bytes.
 */
public final class CpioWriter implements AutoCloseable {
    /** File type bits of st_mode. */
    public static final int TYPE_DIRECTORY = 0040000;
    public static final int TYPE_FILE = 0100000;
    public static final int TYPE_SYMLINK = 0120000;

    private final OutputStream out;
    private final long mtimeSeconds;
    private long writtenBytes;
    private int nextInode = 1;

    /** Writes to {@code out}; every entry gets {@code mtimeSeconds} as its modification time. */
    public CpioWriter(OutputStream out, long mtimeSeconds) {
        this.out = out;
        this.mtimeSeconds = mtimeSeconds;
    }

    /** A directory; {@code permissions} are the low 12 mode bits. */
    public void directory(String name, int permissions) throws IOException {
        entry(name, TYPE_DIRECTORY | permissions, 2, new byte[0]);
    }

    /** A regular file with the given content. */
    public void file(String name, int permissions, byte[] content) throws IOException {
        entry(name, TYPE_FILE | permissions, 1, content);
    }

    /** A symbolic link pointing at {@code target}. */
    public void symlink(String name, String target) throws IOException {
        entry(name, TYPE_SYMLINK | 0777, 1, target.getBytes(StandardCharsets.UTF_8));
    }

    private void entry(String name, int mode, int links, byte[] data) throws IOException {
        byte[] nameBytes = (name + "\0").getBytes(StandardCharsets.UTF_8);
        StringBuilder header = new StringBuilder(110).append("070701");
        long[] fields = {nextInode++, mode, 0, 0, links, mtimeSeconds, data.length, 0, 0, 0, 0, nameBytes.length, 0};
        for (long field : fields) {
            header.append(String.format("%08x", field));
        }
        write(header.toString().getBytes(StandardCharsets.US_ASCII));
        write(nameBytes);
        pad();
        write(data);
        pad();
    }

    private void write(byte[] bytes) throws IOException {
        out.write(bytes);
        writtenBytes += bytes.length;
    }

    private void pad() throws IOException {
        while (writtenBytes % 4 != 0) {
            write(new byte[1]);
        }
    }

    /** Writes the trailer entry; the stream itself stays open. */
    @Override
    public void close() throws IOException {
        entry("TRAILER!!!", 0, 1, new byte[0]);
        out.flush();
    }
}
