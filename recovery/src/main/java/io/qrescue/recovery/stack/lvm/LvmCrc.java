package io.qrescue.recovery.stack.lvm;

/** lvm's calc_crc: reflected CRC-32 (0xEDB88320), seeded 0xf597a6cf, no final XOR (java.util.zip.CRC32 cannot be seeded). */
public final class LvmCrc {

    public static final long INITIAL = 0xf597a6cfL;
    private static final int[] TABLE = new int[256];

    static {
        for (int n = 0; n < 256; n++) {
            int c = n;
            for (int k = 0; k < 8; k++) {
                c = (c & 1) != 0 ? 0xEDB88320 ^ (c >>> 1) : c >>> 1;
            }
            TABLE[n] = c;
        }
    }

    private LvmCrc() {
    }

    /** CRC of {@code b[off, off + len)} starting from {@code initial}, as an unsigned 32-bit value. */
    public static long update(long initial, byte[] b, int off, int len) {
        int c = (int) initial;
        for (int i = off; i < off + len; i++) {
            c = TABLE[(c ^ b[i]) & 0xff] ^ (c >>> 8);
        }
        return c & 0xffffffffL;
    }

    public static long of(byte[] b, int off, int len) {
        return update(INITIAL, b, off, len);
    }
}
