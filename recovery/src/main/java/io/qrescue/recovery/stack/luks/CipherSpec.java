package io.qrescue.recovery.stack.luks;

import java.util.Locale;

/**
 * A dm-crypt cipher specification as LUKS headers give it: cipher "aes", chaining "cbc" or "xts", and an IV
 * generator: "plain" (the sector number, 32 bits little endian), "plain64" (64 bits), "plain64be" (64 bits big
 * endian) or "essiv:HASH" (plain64 encrypted with AES keyed by HASH(key)). Sectors are counted in 512-byte units
 * from the start of the encrypted area, whatever the encryption sector size.
 */
public record CipherSpec(String cipher, String chain, String iv, String ivHash) {

    /** Everything qrescue decrypts, for messages. */
    public static final String SUPPORTED = "aes in cbc-plain, cbc-plain64, cbc-plain64be, cbc-essiv:HASH, xts-plain,"
            + " xts-plain64, xts-plain64be, xts-essiv:HASH";

    /** LUKS1's two fields: cipher name "aes" and mode "cbc-essiv:sha256". */
    public static CipherSpec of(String cipherName, String mode) throws UnsupportedLuksException {
        String whole = cipherName + "-" + mode;
        String c = cipherName.toLowerCase(Locale.ROOT);
        String m = mode.toLowerCase(Locale.ROOT);
        int dash = m.indexOf('-');
        String chain = dash < 0 ? m : m.substring(0, dash);
        String ivSpec = dash < 0 ? "" : m.substring(dash + 1);
        String iv = ivSpec;
        String ivHash = null;
        int colon = ivSpec.indexOf(':');
        if (colon >= 0) {
            iv = ivSpec.substring(0, colon);
            ivHash = ivSpec.substring(colon + 1);
        }
        boolean ok = c.equals("aes") && (chain.equals("cbc") || chain.equals("xts"))
                && (iv.equals("plain") || iv.equals("plain64") || iv.equals("plain64be") ? ivHash == null
                : iv.equals("essiv") && ivHash != null);
        if (!ok) {
            throw new UnsupportedLuksException("cipher " + whole + " is not supported (qrescue decrypts " + SUPPORTED
                    + ")");
        }
        if (ivHash != null) {
            LuksHash.named(ivHash);
        }
        return new CipherSpec(c, chain, iv, ivHash);
    }

    /** LUKS2's one string, e.g. "aes-xts-plain64". */
    public static CipherSpec parse(String dmSpec) throws UnsupportedLuksException {
        int dash = dmSpec.indexOf('-');
        if (dash <= 0 || dmSpec.startsWith("capi:")) {
            throw new UnsupportedLuksException("cipher " + dmSpec + " is not supported (qrescue decrypts " + SUPPORTED
                    + ")");
        }
        return of(dmSpec.substring(0, dash), dmSpec.substring(dash + 1));
    }

    /** The mode as LUKS1 writes it, e.g. "cbc-essiv:sha256". */
    public String mode() {
        return chain + "-" + iv + (ivHash == null ? "" : ":" + ivHash);
    }

    /** The whole specification, e.g. "aes-cbc-essiv:sha256". */
    public String text() {
        return cipher + "-" + mode();
    }

    /**
     * A cipher for sectors of {@code sectorBytes} under {@code key}; fails for a key size the mode does not take
     * (cbc: 16, 24 or 32 bytes; xts: twice that).
     */
    public SectorCipher newCipher(byte[] key, int sectorBytes) throws UnsupportedLuksException {
        int aesKey = chain.equals("xts") ? key.length / 2 : key.length;
        if ((aesKey != 16 && aesKey != 24 && aesKey != 32) || chain.equals("xts") && key.length % 2 != 0) {
            throw new UnsupportedLuksException("cipher " + text() + " with a " + key.length * 8 + "-bit key is not"
                    + " valid (AES takes 128, 192 or 256-bit keys" + (chain.equals("xts") ? ", XTS two of them)" : ")"));
        }
        if (sectorBytes < 512 || sectorBytes > 4096 || Integer.bitCount(sectorBytes) != 1) {
            throw new UnsupportedLuksException("encryption sector size " + sectorBytes + " is not supported (512 to"
                    + " 4096, a power of two)");
        }
        SectorIvs ivs = SectorIvs.of(iv, ivHash, key);
        return chain.equals("xts") ? new XtsSectors(key, sectorBytes, ivs) : new CbcSectors(key, sectorBytes, ivs);
    }
}
