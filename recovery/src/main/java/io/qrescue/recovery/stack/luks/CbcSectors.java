package io.qrescue.recovery.stack.luks;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-CBC per sector, each sector its own chain from its IV. All sectors of a call go through one CBC decryption
 * (the JDK's AES-NI intrinsic decrypts several blocks at once): CBC makes each plaintext block D(C[i]) ^ C[i-1], so
 * only the first block of each sector after the first needs fixing, by XOR with the previous sector's last
 * ciphertext block and its own IV.
 */
final class CbcSectors implements SectorCipher {

    private final SecretKeySpec key;
    private final int sectorBytes;
    private final SectorIvs ivs;
    private final Cipher aes;
    private byte[] ivBuffer = new byte[16 * 64];

    CbcSectors(byte[] key, int sectorBytes, SectorIvs ivs) {
        this.key = new SecretKeySpec(key, "AES");
        this.sectorBytes = sectorBytes;
        this.ivs = ivs;
        try {
            this.aes = Cipher.getInstance("AES/CBC/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no AES/CBC", e);
        }
    }

    @Override
    public int sectorBytes() {
        return sectorBytes;
    }

    @Override
    public void decrypt(byte[] in, int inOff, byte[] out, int outOff, int length, long firstIvSector) {
        int count = length / sectorBytes;
        if (count == 0) {
            return;
        }
        if (ivBuffer.length < count * 16) {
            ivBuffer = new byte[count * 16];
        }
        ivs.fill(firstIvSector, sectorBytes / 512, count, ivBuffer);
        try {
            aes.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(ivBuffer, 0, 16));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/CBC refused a 16-byte IV", e);
        }
        Blocks.doFinal(aes, in, inOff, count * sectorBytes, out, outOff);
        for (int s = 1; s < count; s++) {
            int at = s * sectorBytes;
            Blocks.xor3Block(out, outOff + at, in, inOff + at - 16, ivBuffer, s * 16);
        }
    }
}
