package io.qrescue.recovery.stack.luks;

/** The header asks for something qrescue does not decrypt (a cipher, mode, IV, hash or KDF); the message names it. */
public final class UnsupportedLuksException extends Exception {

    public UnsupportedLuksException(String message) {
        super(message);
    }
}
