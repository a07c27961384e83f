package io.qrescue.recovery.source;

import java.io.IOException;

/**
 * Bytes a reader needed are not good (unreadable, or of unknown provenance): metadata there must not be parsed.
 * The message names the offset and why; {@link #damage()} is the first bad run met.
 */
public final class UnreadableBytesException extends IOException {

    private final transient Damage damage;

    public UnreadableBytesException(String what, Damage damage) {
        super(what + ": " + damage.describe());
        this.damage = damage;
    }

    /** The first damaged run within the bytes asked for. */
    public Damage damage() {
        return damage;
    }
}
