package io.qrescue.recovery.stack.finding;

import io.qrescue.recovery.source.Damage;
import io.qrescue.recovery.source.ImageSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Bounded reads and little-endian field access shared by the stack readers (never throws on short input). */
public final class Bytes {

    private Bytes() {
    }

    /**
     * Exactly {@code length} good bytes at {@code offset}, or null if the source ends first, cannot be read, or any
     * of the bytes is not good (unreadable, or of unknown provenance: see {@link ImageSource#damageIn}): metadata is
     * parsed from good bytes only. {@link #damageText} says why when the bytes are not good. Callers check
     * {@code length} against the source size before calling, so no read allocates more than the image.
     */
    public static byte[] readOrNull(ImageSource src, long offset, int length) {
        if (offset < 0 || length < 0 || offset > src.size() || length > src.size() - offset) {
            return null;
        }
        try {
            if (!src.isGood(offset, length)) {
                return null;
            }
            ByteBuffer buf = ByteBuffer.allocate(length);
            int n = src.read(offset, buf);
            return n == length ? buf.array() : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Why bytes {@code [offset, offset + length)} of {@code src} cannot be parsed, in a few words naming the first
     * bad run ("bytes 4096..4608 are unreadable (bad-sector, disk.img at 8392704)"), or null when they are all good.
     */
    public static String damageText(ImageSource src, long offset, long length) {
        if (offset < 0 || length <= 0) {
            return null;
        }
        java.util.List<Damage> bad;
        try {
            bad = src.damageIn(offset, length);
        } catch (RuntimeException e) {
            return "bytes " + offset + ".." + (offset + length) + " cannot be checked: " + e.getMessage();
        }
        return bad.isEmpty() ? null : bad.get(0).describe();
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
