package io.qrescue.recovery.stack.testing;

import java.nio.charset.StandardCharsets;

/** Little- and big-endian field writes into a byte array (test-only builders of on-disk structures). */
final class LeWriter {

    private LeWriter() {
    }

    static void u16(byte[] b, int off, long v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
    }

    static void u32(byte[] b, int off, long v) {
        for (int i = 0; i < 4; i++) {
            b[off + i] = (byte) (v >>> (8 * i));
        }
    }

    static void u64(byte[] b, int off, long v) {
        for (int i = 0; i < 8; i++) {
            b[off + i] = (byte) (v >>> (8 * i));
        }
    }

    static void u32be(byte[] b, int off, long v) {
        for (int i = 0; i < 4; i++) {
            b[off + 3 - i] = (byte) (v >>> (8 * i));
        }
    }

    static void u64be(byte[] b, int off, long v) {
        for (int i = 0; i < 8; i++) {
            b[off + 7 - i] = (byte) (v >>> (8 * i));
        }
    }

    static void ascii(byte[] b, int off, String s) {
        byte[] a = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(a, 0, b, off, a.length);
    }

    static long u32(byte[] b, int off) {
        return (b[off] & 0xffL) | (b[off + 1] & 0xffL) << 8 | (b[off + 2] & 0xffL) << 16 | (b[off + 3] & 0xffL) << 24;
    }
}
