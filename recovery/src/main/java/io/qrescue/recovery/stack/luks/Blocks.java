package io.qrescue.recovery.stack.luks;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;

/** Byte-array arithmetic of the sector ciphers: 64-bit stores and XORs of 16-byte blocks, eight bytes at a time. */
final class Blocks {

    private static final VarHandle LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private Blocks() {
    }

    static void putLongLe(byte[] b, int off, long v) {
        LE.set(b, off, v);
    }

    static void putLongBe(byte[] b, int off, long v) {
        BE.set(b, off, v);
    }

    static long getLongLe(byte[] b, int off) {
        return (long) LE.get(b, off);
    }

    /** {@code dst[dstOff..+16) ^= a[aOff..+16) ^ b[bOff..+16)}. */
    static void xor3Block(byte[] dst, int dstOff, byte[] a, int aOff, byte[] b, int bOff) {
        LE.set(dst, dstOff, (long) LE.get(dst, dstOff) ^ (long) LE.get(a, aOff) ^ (long) LE.get(b, bOff));
        LE.set(dst, dstOff + 8, (long) LE.get(dst, dstOff + 8) ^ (long) LE.get(a, aOff + 8)
                ^ (long) LE.get(b, bOff + 8));
    }

    /** {@code out[outOff..+length) = a[aOff..+length) ^ b[bOff..+length)}; length a multiple of 8. */
    static void xor(byte[] a, int aOff, byte[] b, int bOff, byte[] out, int outOff, int length) {
        for (int i = 0; i < length; i += 8) {
            LE.set(out, outOff + i, (long) LE.get(a, aOff + i) ^ (long) LE.get(b, bOff + i));
        }
    }

    /** {@code cipher.doFinal} for whole blocks; a JDK cipher refusing them is a bug here, not bad input. */
    static void doFinal(Cipher cipher, byte[] in, int inOff, int length, byte[] out, int outOff) {
        try {
            cipher.doFinal(in, inOff, length, out, outOff);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES over " + length + " bytes failed", e);
        }
    }
}
