package io.qrescue.recovery.stack.md;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * RAID6 arithmetic as the kernel's lib/raid6 does it: GF(2^8) with the polynomial x^8+x^4+x^3+x^2+1 (0x11d) and
 * generator {02}; P is the XOR of the data, Q = Σ g^slot · D[slot]. The syndrome runs eight bytes at a time in a
 * long (multiplying by {02} bytewise with shifts and masks), the recovery multiplies by constants through tables.
 */
public final class Raid6 {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long LOW7 = 0x7f7f7f7f7f7f7f7fL;
    private static final long HIGH = 0x8080808080808080L;

    private static final int[] EXP = new int[512];
    private static final int[] LOG = new int[256];
    /** MUL[c][x] = c · x. */
    private static final byte[][] MUL = new byte[256][256];

    static {
        int x = 1;
        for (int i = 0; i < 255; i++) {
            EXP[i] = x;
            EXP[i + 255] = x;
            LOG[x] = i;
            x <<= 1;
            if ((x & 0x100) != 0) {
                x ^= 0x11d;
            }
        }
        EXP[510] = EXP[0];
        EXP[511] = EXP[1];
        for (int c = 0; c < 256; c++) {
            for (int v = 0; v < 256; v++) {
                MUL[c][v] = (byte) mul(c, v);
            }
        }
    }

    private Raid6() {
    }

    /** a · b in GF(2^8). */
    public static int mul(int a, int b) {
        return a == 0 || b == 0 ? 0 : EXP[LOG[a] + LOG[b]];
    }

    /** The inverse of a non-zero {@code a}. */
    public static int inverse(int a) {
        if (a == 0) {
            throw new ArithmeticException("0 has no inverse in GF(2^8)");
        }
        return EXP[255 - LOG[a]];
    }

    /** g^e for the generator g = {02}, e ≥ 0. */
    public static int power(int e) {
        return EXP[e % 255];
    }

    /** Eight bytes each multiplied by {02}. */
    static long times2(long v) {
        long high = v & HIGH;
        return (v & LOW7) << 1 ^ (high >>> 7) * 0x1d;
    }

    /**
     * P and Q of {@code data} (indexed by syndrome slot; a null slot counts as zeros) over bytes
     * {@code [offset, offset + length)} of every buffer, into the same bytes of {@code p} and {@code q} (either may
     * be null when not wanted).
     */
    public static void syndrome(byte[][] data, int offset, int length, byte[] p, byte[] q) {
        int top = data.length - 1;
        int end = offset + length;
        int i = offset;
        for (; i + 8 <= end; i += 8) {
            long wp = 0;
            long wq = 0;
            for (int z = top; z >= 0; z--) {
                wq = times2(wq);
                byte[] d = data[z];
                if (d != null) {
                    long v = (long) LONGS.get(d, i);
                    wp ^= v;
                    wq ^= v;
                }
            }
            if (p != null) {
                LONGS.set(p, i, wp);
            }
            if (q != null) {
                LONGS.set(q, i, wq);
            }
        }
        for (; i < end; i++) {
            int wp = 0;
            int wq = 0;
            for (int z = top; z >= 0; z--) {
                wq = mul(wq, 2);
                if (data[z] != null) {
                    wp ^= data[z][i] & 0xff;
                    wq ^= data[z][i] & 0xff;
                }
            }
            if (p != null) {
                p[i] = (byte) wp;
            }
            if (q != null) {
                q[i] = (byte) wq;
            }
        }
    }

    /** {@code dst[doff..] ^= src[soff..]} over {@code length} bytes. */
    public static void xor(byte[] src, int soff, byte[] dst, int doff, int length) {
        int i = 0;
        for (; i + 8 <= length; i += 8) {
            long v = (long) LONGS.get(dst, doff + i) ^ (long) LONGS.get(src, soff + i);
            LONGS.set(dst, doff + i, v);
        }
        for (; i < length; i++) {
            dst[doff + i] ^= src[soff + i];
        }
    }

    /** {@code dst[doff..] = c · src[soff..]} over {@code length} bytes. */
    static void multiply(int c, byte[] src, int soff, byte[] dst, int doff, int length) {
        byte[] table = MUL[c];
        for (int i = 0; i < length; i++) {
            dst[doff + i] = table[src[soff + i] & 0xff];
        }
    }

    /** {@code dst[doff..] ^= c · src[soff..]} over {@code length} bytes. */
    static void multiplyXor(int c, byte[] src, int soff, byte[] dst, int doff, int length) {
        byte[] table = MUL[c];
        for (int i = 0; i < length; i++) {
            dst[doff + i] ^= table[src[soff + i] & 0xff];
        }
    }
}
