package io.qrescue.recovery.analysis;

import io.qrescue.recovery.source.Extent;
import io.qrescue.recovery.stack.Placement;
import java.util.List;

/**
 * A user volume of the stack: {@code name} "vg/lv", {@code kind} "linear", "thin", "thick" or "snapshot",
 * {@code origin} the LV a snapshot was taken of (null otherwise), the thin {@code deviceId} (-1 for linear LVs),
 * {@code pool} name (null for linear LVs), its size, how many bytes are mapped (thin; the size for linear LVs) and
 * its placement on an image or an md array (one, or none when it cannot be placed).
 */
public record AnalyzedVolume(String name, String vgName, String lvName, String kind, String origin, long deviceId,
        String pool, long sizeBytes, long mappedBytes, List<Placement> placements) {

    public AnalyzedVolume {
        placements = List.copyOf(placements);
    }

    /** True for thin, thick and snapshot volumes (bytes come from a pool). */
    public boolean isThin() {
        return deviceId >= 0;
    }

    /** Bytes of the volume that are backed by storage (not holes) in a placement's map. */
    static long mappedBytesOf(Placement p) {
        long n = 0;
        for (Extent e : p.toLower().extents()) {
            if (!e.isHole()) {
                n += e.length();
            }
        }
        return n;
    }
}
