package io.qrescue.recovery.volume;

import io.qrescue.recovery.source.Damage;
import java.util.List;

/**
 * What an extraction wrote: the volume's size, the bytes that lie on the image (not holes), the bytes actually
 * written (non-zero data; the rest of the file is sparse), and every damaged range, also marked in the mapfile.
 */
public record ExtractionResult(long sizeBytes, long mappedBytes, long writtenBytes, List<Damage> damage) {

    public ExtractionResult {
        damage = List.copyOf(damage);
    }

    /** Bytes of the volume on image bytes that are not finished. */
    public long damagedBytes() {
        return Damage.totalBytes(damage);
    }
}
