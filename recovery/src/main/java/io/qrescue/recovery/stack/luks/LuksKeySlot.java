package io.qrescue.recovery.stack.luks;

/**
 * One key slot: its number, whether it holds a key, its key derivation, where its key material lies in the
 * volume ({@code areaOffsetBytes}, {@code areaLengthBytes}: the encrypted AF stripes), the stripes and their hash,
 * the cipher of the key material and its key size, and (LUKS2) its priority (0 ignored, 1 normal, 2 preferred).
 * {@code problem} is why the slot cannot be used as read (null when it can): an unsupported cipher or KDF.
 */
public record LuksKeySlot(int index, boolean active, Kdf kdf, long areaOffsetBytes, long areaLengthBytes, int stripes,
        String afHash, String areaCipher, int areaKeyBytes, int priority, String problem) {

    /** Bytes of AF stripes: the key size times the stripes. */
    public long materialBytes(int keyBytes) {
        return (long) keyBytes * stripes;
    }
}
