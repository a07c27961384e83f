package io.qrescue.recovery.files;

import io.qrescue.mapfile.StatusBlock;
import io.qrescue.recovery.source.Extent;
import io.qrescue.recovery.source.ExtentMap;
import io.qrescue.recovery.source.Readability;
import java.util.ArrayList;
import java.util.List;

/** The damaged byte ranges of a volume, the input of {@link Ext4ImpactAnalyzer}, from what the readers know. */
public final class VolumeDamage {

    private VolumeDamage() {
    }

    /** The non-finished ranges of an extracted volume image's own mapfile. */
    public static List<ByteRange> of(Readability volumeReadability) {
        List<ByteRange> out = new ArrayList<>();
        for (StatusBlock sb : volumeReadability.damagedBlocks()) {
            out.add(new ByteRange(sb.pos(), sb.size()));
        }
        return ByteRange.merged(out);
    }

    /**
     * The volume ranges stored in non-finished bytes of the source image: each damaged image block mapped back
     * through {@code volume}'s extent map (holes are never damaged: they read as zeros).
     */
    public static List<ByteRange> of(Readability imageReadability, ExtentMap volume) {
        List<ByteRange> out = new ArrayList<>();
        for (StatusBlock sb : imageReadability.damagedBlocks()) {
            for (Extent e : volume.reverse(sb.pos(), sb.size())) {
                out.add(new ByteRange(e.logicalStart(), e.length()));
            }
        }
        return ByteRange.merged(out);
    }
}
