package io.qrescue.recovery.stack.finding;

import io.qrescue.recovery.source.ImageSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Bounded reads and little-endian field access shared by the stack readers (never throws on short input). */
public final class Bytes {

    private Bytes() {
    }

    /**
     * Up to {@code length} bytes at {@code offset}, or null if the source ends first or cannot be read.
     * Callers check {@code length} against the source size before calling, so no read allocates more than the image.
     */
    public static byte[] readOrNull(ImageSource src, long offset, int length) {
        if (offset < 0 || length < 0 || offset > src.size() || length > src.size() - offset) {
            return null;
        }
        try {
            ByteBuffer buf = ByteBuffer.allocate(length);
            int n = src.read(offset, buf);
            return n == length ? buf.array() : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    public static int u8(byte[] b, int off) {
        return b[off] & 0xff;
    }

    public static int u16(byte[] b, int off) {
        return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8;
    }

    public static long u32(byte[] b, int off) {
        return (b[off] & 0xffL) | (b[off + 1] & 0xffL) << 8 | (b[off + 2] & 0xffL) << 16 | (b[off + 3] & 0xffL) << 24;
    }

    public static int s32(byte[] b, int off) {
        return (int) u32(b, off);
    }

    public static long u64(byte[] b, int off) {
        return u32(b, off) | u32(b, off + 4) << 32;
    }

    public static long u32be(byte[] b, int off) {
        return (b[off + 3] & 0xffL) | (b[off + 2] & 0xffL) << 8 | (b[off + 1] & 0xffL) << 16 | (b[off] & 0xffL) << 24;
    }

    public static long u64be(byte[] b, int off) {
        return u32be(b, off) << 32 | u32be(b, off + 4);
    }

    /** ASCII/UTF-8 text of a NUL-padded field, cut at the first NUL. */
    public static String cString(byte[] b, int off, int len) {
        int end = off;
        while (end < off + len && b[end] != 0) {
            end++;
        }
        return new String(b, off, end - off, StandardCharsets.UTF_8);
    }

    /** Lower-case hex of {@code len} bytes. */
    public static String hex(byte[] b, int off, int len) {
        StringBuilder sb = new StringBuilder(len * 2);
        for (int i = off; i < off + len; i++) {
            sb.append(Character.forDigit((b[i] >> 4) & 0xf, 16)).append(Character.forDigit(b[i] & 0xf, 16));
        }
        return sb.toString();
    }

    /** True when every byte of {@code [off, off + len)} is zero. */
    public static boolean allZero(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
