package io.qrescue.recovery.vm.job;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes a POSIX ustar archive: a 512-byte header per entry (octal numeric fields, checksum over the header with
 * the checksum field read as spaces), the data padded to 512 bytes, and two zero blocks at the end. Owner and
 * times are fixed. Names up to 100 bytes, or 255 when split at a slash into prefix and name.
 */
public final class UstarWriter implements AutoCloseable {
    static final int BLOCK = 512;
    private final OutputStream out;
    private long writtenBytes;

    public UstarWriter(OutputStream out) {
        this.out = out;
    }

    /** A directory entry ("name/"). */
    public void directory(String name) throws IOException {
        header(name.endsWith("/") ? name : name + "/", 0755, 0, '5');
    }

    /** A regular file. */
    public void file(String name, int permissions, byte[] content) throws IOException {
        header(name, permissions, content.length, '0');
        write(content);
        padToBlock();
    }

    /** Bytes written so far. */
    public long writtenBytes() {
        return writtenBytes;
    }

    private void header(String name, int permissions, long size, char type) throws IOException {
        byte[] h = new byte[BLOCK];
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        if (nameBytes.length <= 100) {
            System.arraycopy(nameBytes, 0, h, 0, nameBytes.length);
        } else {
            int split = name.lastIndexOf('/', Math.min(name.length() - 2, 155));
            byte[] prefix = split > 0 ? name.substring(0, split).getBytes(StandardCharsets.UTF_8) : new byte[0];
            byte[] rest = split > 0 ? name.substring(split + 1).getBytes(StandardCharsets.UTF_8) : nameBytes;
            if (split <= 0 || prefix.length > 155 || rest.length > 100) {
                throw new IllegalArgumentException("name too long for ustar: " + name);
            }
            System.arraycopy(rest, 0, h, 0, rest.length);
            System.arraycopy(prefix, 0, h, 345, prefix.length);
        }
        octal(h, 100, 8, permissions);
        octal(h, 108, 8, 0);
        octal(h, 116, 8, 0);
        octal(h, 124, 12, size);
        octal(h, 136, 12, 0);
        h[156] = (byte) type;
        System.arraycopy("ustar\0".getBytes(StandardCharsets.US_ASCII), 0, h, 257, 6);
        h[263] = '0';
        h[264] = '0';
        System.arraycopy("root".getBytes(StandardCharsets.US_ASCII), 0, h, 265, 4);
        System.arraycopy("root".getBytes(StandardCharsets.US_ASCII), 0, h, 297, 4);
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        byte[] checksum = String.format("%06o\0 ", sum).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(checksum, 0, h, 148, 8);
        write(h);
    }

    private static void octal(byte[] header, int offset, int length, long value) {
        String digits = String.format("%0" + (length - 1) + "o", value);
        if (digits.length() > length - 1) {
            throw new IllegalArgumentException("value too large for a ustar field: " + value);
        }
        byte[] bytes = digits.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, header, offset, bytes.length);
    }

    private void write(byte[] bytes) throws IOException {
        out.write(bytes);
        writtenBytes += bytes.length;
    }

    private void padToBlock() throws IOException {
        int rest = (int) (writtenBytes % BLOCK);
        if (rest != 0) {
            write(new byte[BLOCK - rest]);
        }
    }

    /** Writes the two zero blocks that end the archive. */
    @Override
    public void close() throws IOException {
        write(new byte[2 * BLOCK]);
        out.flush();
    }
}
