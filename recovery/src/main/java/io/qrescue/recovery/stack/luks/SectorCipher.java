package io.qrescue.recovery.stack.luks;

/**
 * Decrypts whole encryption sectors as dm-crypt encrypted them. Not thread-safe: one per thread. The IV of a
 * sector is its 512-byte sector number from the start of the encrypted area (plus any LUKS2 iv_tweak).
 */
public interface SectorCipher {

    /** Bytes of one encryption sector (512, or up to 4096 for LUKS2). */
    int sectorBytes();

    /**
     * Decrypts {@code length} bytes (whole sectors) of {@code in} at {@code inOff} into {@code out} at
     * {@code outOff}; the first sector's IV number is {@code firstIvSector} and each next one's
     * {@code sectorBytes() / 512} more. {@code in} and {@code out} must not overlap.
     */
    void decrypt(byte[] in, int inOff, byte[] out, int outOff, int length, long firstIvSector);
}
