package io.qrescue.recovery.stack.thin;

/** Little-endian field access on metadata blocks. */
final class Le {

    private Le() {
    }

    static int u32(byte[] b, int off) {
        return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8 | (b[off + 2] & 0xFF) << 16 | (b[off + 3] & 0xFF) << 24;
    }

    static long u32AsLong(byte[] b, int off) {
        return u32(b, off) & 0xFFFF_FFFFL;
    }

    static long u64(byte[] b, int off) {
        return (u32(b, off) & 0xFFFF_FFFFL) | ((long) u32(b, off + 4)) << 32;
    }

    static void put32(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
        b[off + 2] = (byte) (v >>> 16);
        b[off + 3] = (byte) (v >>> 24);
    }

    static void put64(byte[] b, int off, long v) {
        put32(b, off, (int) v);
        put32(b, off + 4, (int) (v >>> 32));
    }
}
