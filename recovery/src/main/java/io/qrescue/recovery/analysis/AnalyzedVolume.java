package io.qrescue.recovery.analysis;

import io.qrescue.recovery.source.Damage;
import io.qrescue.recovery.source.Extent;
import io.qrescue.recovery.source.MappedSource;
import io.qrescue.recovery.stack.Placement;
import java.util.List;

/**
 * A user volume of the stack: {@code name} "vg/lv", {@code kind} "linear", "thin", "thick" or "snapshot",
 * {@code origin} the LV a snapshot was taken of (null otherwise), the thin {@code deviceId} (-1 for linear LVs),
 * {@code pool} name (null for linear LVs), its size, how many bytes are mapped (thin; the size for linear LVs) and
 * its placements on an image or an md array (preferred first), each with every run of the volume
 * whose placement is in doubt; empty when it cannot be placed at all, and then {@code problem} says why (null
 * otherwise).
 */
public record AnalyzedVolume(String name, String vgName, String lvName, String kind, String origin, long deviceId,
        String pool, long sizeBytes, long mappedBytes, List<Placement> placements, String problem) {

    public AnalyzedVolume {
        placements = List.copyOf(placements);
        if (placements.isEmpty() && problem == null) {
            problem = "it cannot be placed on the images";
        }
    }

    /** True for thin, thick and snapshot volumes (bytes come from a pool). */
    public boolean isThin() {
        return deviceId >= 0;
    }

    /**
     * The volume's bytes through its preferred placement, with the image's damage and every doubt: what extract,
     * serve and boot read. Null when the volume cannot be placed ({@link #problem()}).
     */
    public MappedSource open() {
        return placements.isEmpty() ? null : placements.get(0).open();
    }

    /** The runs of the volume whose placement is in doubt (preferred placement; every byte when it has none). */
    public List<Damage> doubts() {
        return placements.isEmpty() ? (sizeBytes > 0 ? List.of(Damage.unknown(0, sizeBytes, problem)) : List.of())
                : placements.get(0).doubts();
    }

    /** Bytes of the volume that are backed by storage (not holes) in a placement's map. */
    static long mappedBytesOf(Placement p) {
        long n = 0;
        for (Extent e : p.toImage().extents()) {
            if (!e.isHole()) {
                n += e.length();
            }
        }
        return n;
    }
}
