package io.qrescue.recovery.stack.luks;

import java.security.MessageDigest;

/** The master-key check: PBKDF2-{@code hash} of the candidate key with {@code salt} must give {@code digest}. */
public record LuksDigest(String hash, long iterations, byte[] salt, byte[] digest) {

    public LuksDigest {
        salt = salt.clone();
        digest = digest.clone();
    }

    /** True when {@code key} is the master key. */
    boolean matches(byte[] key) throws UnsupportedLuksException {
        byte[] got = Kdf.pbkdf2(LuksHash.named(hash), key, salt, iterations, digest.length);
        return MessageDigest.isEqual(got, digest);
    }
}
