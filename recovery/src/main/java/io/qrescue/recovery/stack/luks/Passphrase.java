package io.qrescue.recovery.stack.luks;

import java.util.Arrays;

/**
 * One LUKS passphrase to try and the {@code rule} that made it, in words for the output ("the QNAP password's first
 * 16 characters (older firmware)"). The bytes are secret: {@link #toString()} never shows them, and
 * {@link #wipe()} overwrites them once unlocking is over.
 */
public final class Passphrase {

    private final byte[] bytes;
    private final String rule;

    public Passphrase(byte[] bytes, String rule) {
        this.bytes = bytes.clone();
        this.rule = rule;
    }

    /** A copy of the secret bytes. */
    byte[] bytes() {
        return bytes.clone();
    }

    /** How this passphrase was made, for the output (never the passphrase itself). */
    public String rule() {
        return rule;
    }

    /** Overwrites the secret with zeros. */
    public void wipe() {
        Arrays.fill(bytes, (byte) 0);
    }

    @Override
    public String toString() {
        return "Passphrase[" + rule + "]";
    }
}
