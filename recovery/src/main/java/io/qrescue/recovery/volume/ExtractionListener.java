package io.qrescue.recovery.volume;

import io.qrescue.recovery.source.Damage;

/** What an extraction tells while it runs; called on the extracting thread. Methods may throw to stop it. */
public interface ExtractionListener {

    /** A listener that ignores everything. */
    ExtractionListener NONE = new ExtractionListener() {
    };

    /** A damaged range of the volume, before any byte is copied; ranges come in volume order. */
    default void damaged(Damage damage) {
    }

    /** {@code doneBytes} of the volume's {@code sizeBytes} are copied or skipped (holes). */
    default void progress(long doneBytes, long sizeBytes) {
    }
}
