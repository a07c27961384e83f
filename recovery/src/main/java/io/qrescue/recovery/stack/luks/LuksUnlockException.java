package io.qrescue.recovery.stack.luks;

/** No key slot opened with the passphrases given; the message says which slots were tried or skipped, and why. */
public final class LuksUnlockException extends Exception {

    public LuksUnlockException(String message) {
        super(message);
    }
}
