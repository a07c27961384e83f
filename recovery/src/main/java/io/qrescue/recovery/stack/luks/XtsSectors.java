package io.qrescue.recovery.stack.luks;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-XTS (IEEE 1619) per sector: the first half of the key encrypts data, the second encrypts each sector's IV
 * into its first tweak; block j's tweak is the first multiplied by x^j in GF(2^128). Sector sizes are whole blocks,
 * so no ciphertext stealing. All tweaks of a call are computed first, then the blocks go through one bulk AES/ECB
 * decryption between two XORs.
 */
final class XtsSectors implements SectorCipher {

    private final int sectorBytes;
    private final SectorIvs ivs;
    private final Cipher data;
    private final Cipher tweak;
    private byte[] tweaks = new byte[0];
    private byte[] ivBuffer = new byte[0];

    XtsSectors(byte[] key, int sectorBytes, SectorIvs ivs) {
        this.sectorBytes = sectorBytes;
        this.ivs = ivs;
        int half = key.length / 2;
        try {
            data = Cipher.getInstance("AES/ECB/NoPadding");
            data.init(Cipher.DECRYPT_MODE, new SecretKeySpec(Arrays.copyOfRange(key, 0, half), "AES"));
            tweak = Cipher.getInstance("AES/ECB/NoPadding");
            tweak.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(Arrays.copyOfRange(key, half, key.length), "AES"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no AES/ECB", e);
        }
    }

    @Override
    public int sectorBytes() {
        return sectorBytes;
    }

    @Override
    public void decrypt(byte[] in, int inOff, byte[] out, int outOff, int length, long firstIvSector) {
        int count = length / sectorBytes;
        int bytes = count * sectorBytes;
        if (count == 0) {
            return;
        }
        if (ivBuffer.length < count * 16) {
            ivBuffer = new byte[count * 16];
        }
        if (tweaks.length < bytes) {
            tweaks = new byte[bytes];
        }
        ivs.fill(firstIvSector, sectorBytes / 512, count, ivBuffer);
        Blocks.doFinal(tweak, ivBuffer, 0, count * 16, ivBuffer, 0);
        for (int s = 0; s < count; s++) {
            long lo = Blocks.getLongLe(ivBuffer, s * 16);
            long hi = Blocks.getLongLe(ivBuffer, s * 16 + 8);
            for (int at = s * sectorBytes, end = at + sectorBytes; at < end; at += 16) {
                Blocks.putLongLe(tweaks, at, lo);
                Blocks.putLongLe(tweaks, at + 8, hi);
                long carry = hi >> 63; // all ones when the top bit falls out
                hi = hi << 1 | lo >>> 63;
                lo = lo << 1 ^ carry & 0x87;
            }
        }
        Blocks.xor(in, inOff, tweaks, 0, out, outOff, bytes);
        Blocks.doFinal(data, out, outOff, bytes, out, outOff);
        Blocks.xor(out, outOff, tweaks, 0, out, outOff, bytes);
    }
}
