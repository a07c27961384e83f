package io.qrescue.recovery.analysis;

import io.qrescue.recovery.source.Readability;
import java.util.List;

/** What the unreadable regions of the images cost: per region what it touches, and per volume what survives. */
public record DamageReport(List<DamagedRegion> regions, List<VolumeHealth> volumes) {

    public DamageReport {
        regions = List.copyOf(regions);
        volumes = List.copyOf(volumes);
    }

    /**
     * The report for {@code analysis} given which bytes of each image are readable ({@code readability.get(i)} for
     * image i; missing entries count as fully readable). md arrays heal from what the maps say: over plain images,
     * the stack is read again with the maps for that.
     */
    public static DamageReport of(StackAnalysis analysis, List<Readability> readability) {
        return new DamageAnalyzer(analysis, analysis.readWith(readability), readability).report();
    }

    /** The health of volume {@code name}, or null. */
    public VolumeHealth volume(String name) {
        return volumes.stream().filter(v -> v.volume().equals(name)).findFirst().orElse(null);
    }
}
