package io.qrescue.recovery.stack.luks;

import org.bouncycastle.crypto.Digest;

/**
 * LUKS's anti-forensic merge: the key material holds {@code stripes} blocks of the key's size; all but the last are
 * XORed in turn into an accumulator that is diffused with the hash after each, and the last XORed in plain. One bad
 * bit anywhere in the stripes changes the whole key, which is why a key slot on a bad sector is lost.
 */
final class AfMerge {

    private AfMerge() {
    }

    /** The key of {@code keyBytes} merged from the first {@code keyBytes * stripes} bytes of {@code material}. */
    static byte[] merge(byte[] material, int keyBytes, int stripes, LuksHash hash) throws UnsupportedLuksException {
        if ((long) keyBytes * stripes > material.length) {
            throw new IllegalArgumentException("key material of " + material.length + " bytes holds no " + stripes
                    + " stripes of " + keyBytes + " bytes");
        }
        byte[] d = new byte[keyBytes];
        Digest digest = hash.digest();
        for (int s = 0; s < stripes - 1; s++) {
            xor(d, material, s * keyBytes);
            diffuse(d, digest);
        }
        xor(d, material, (stripes - 1) * keyBytes);
        return d;
    }

    private static void xor(byte[] d, byte[] material, int off) {
        for (int i = 0; i < d.length; i++) {
            d[i] ^= material[off + i];
        }
    }

    /** Each digest-sized block i of {@code d} becomes H(i as 32-bit big endian || block), the last one cut short. */
    private static void diffuse(byte[] d, Digest digest) {
        int ds = digest.getDigestSize();
        byte[] out = new byte[ds];
        for (int i = 0, at = 0; at < d.length; i++, at += ds) {
            int n = Math.min(ds, d.length - at);
            digest.update((byte) (i >>> 24));
            digest.update((byte) (i >>> 16));
            digest.update((byte) (i >>> 8));
            digest.update((byte) i);
            digest.update(d, at, n);
            digest.doFinal(out, 0);
            System.arraycopy(out, 0, d, at, n);
        }
    }
}
