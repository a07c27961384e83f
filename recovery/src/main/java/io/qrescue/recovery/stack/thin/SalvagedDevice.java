package io.qrescue.recovery.stack.thin;

import io.qrescue.recovery.source.Extent;
import io.qrescue.recovery.source.ExtentMap;
import java.util.ArrayList;
import java.util.List;

/**
 * One thin device as the salvage rebuilt it: its details record (current, or rebuilt), its mappings ascending by
 * virtual block (raw values: data block in the high 40 bits, time below), the virtual ranges still in doubt
 * (ascending, not overlapping) and the sources its mapping was rebuilt from. Mappings inside a
 * {@link MappingDoubt.Kind#STALE} or {@link MappingDoubt.Kind#AMBIGUOUS} range are extracted but never verified.
 */
public final class SalvagedDevice {

    /** How far the device's mapping can be trusted. */
    public enum Confidence {
        /** The live tree held every mapping; nothing was rebuilt. */
        INTACT("intact"),
        /** Rebuilt only from current nodes (orphaned subtrees attached without doubt). */
        HIGH("high"),
        /** Some ranges come from older copies or from a choice between candidates: marked unknown. */
        MEDIUM("medium"),
        /** Some ranges have no surviving mapping at all. */
        LOW("low");

        private final String label;

        Confidence(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final long deviceId;
    private final DeviceDetails details;
    private final String detailsSource;
    private final long[] virtualBlocks;
    private final long[] values;
    private final List<MappingDoubt> doubts;
    private final List<String> sources;
    private final boolean rebuilt;
    private final long timeMask;

    SalvagedDevice(long deviceId, DeviceDetails details, String detailsSource, long[] virtualBlocks, long[] values,
            List<MappingDoubt> doubts, List<String> sources, boolean rebuilt, long timeMask) {
        this.deviceId = deviceId;
        this.details = details;
        this.detailsSource = detailsSource;
        this.virtualBlocks = virtualBlocks;
        this.values = values;
        this.doubts = List.copyOf(doubts);
        this.sources = List.copyOf(sources);
        this.rebuilt = rebuilt;
        this.timeMask = timeMask;
    }

    public long deviceId() {
        return deviceId;
    }

    /** The details record: read from the current tree, or rebuilt (see {@link #detailsSource()}). */
    public DeviceDetails details() {
        return details;
    }

    /** "current details tree", or where the record was rebuilt from. */
    public String detailsSource() {
        return detailsSource;
    }

    /** Mappings the device has after the salvage (verified and in-doubt ones). */
    public int mappingCount() {
        return virtualBlocks.length;
    }

    public long virtualBlock(int i) {
        return virtualBlocks[i];
    }

    public long dataBlock(int i) {
        return values[i] >>> 24;
    }

    public long time(int i) {
        return values[i] & timeMask;
    }

    /** Ranges whose mapping is not verified, ascending. */
    public List<MappingDoubt> doubts() {
        return doubts;
    }

    /** What the mapping was rebuilt from, for people ("live tree", "orphaned subtree at block 812", ...). */
    public List<String> sources() {
        return sources;
    }

    /** True when anything beyond the live tree was needed. */
    public boolean rebuilt() {
        return rebuilt;
    }

    public Confidence confidence() {
        if (doubts.stream().anyMatch(d -> d.kind() == MappingDoubt.Kind.LOST)) {
            return Confidence.LOW;
        }
        if (!doubts.isEmpty()) {
            return Confidence.MEDIUM;
        }
        return rebuilt ? Confidence.HIGH : Confidence.INTACT;
    }

    /** Mapped blocks inside doubt ranges of {@code kind}. */
    public long mappedIn(MappingDoubt.Kind kind) {
        long n = 0;
        for (MappingDoubt d : doubts) {
            if (d.kind() == kind) {
                n += countIn(d.keyFrom(), d.keyTo());
            }
        }
        return n;
    }

    private long countIn(long from, long to) {
        return lowerBound(to) - lowerBound(from);
    }

    private int lowerBound(long key) {
        int lo = 0;
        int hi = virtualBlocks.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (virtualBlocks[mid] < key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** True when virtual block {@code v} lies in a doubt range. */
    public boolean inDoubt(long v) {
        for (MappingDoubt d : doubts) {
            if (v >= d.keyFrom() && v < d.keyTo()) {
                return true;
            }
        }
        return false;
    }

    /** "rebuilt from the live tree and 2 orphaned subtrees (confidence high)", with what is still in doubt. */
    public String summary() {
        StringBuilder sb = new StringBuilder(rebuilt ? "rebuilt from " : "read from ");
        sb.append(String.join("; ", sources)).append(" (confidence ").append(confidence().label()).append(')');
        for (MappingDoubt.Kind k : MappingDoubt.Kind.values()) {
            // a lost root leaves its keys open-ended: those are said as "from block K on", not counted
            long bounded = doubts.stream().filter(d -> d.kind() == k && d.keyTo() != Long.MAX_VALUE)
                    .mapToLong(MappingDoubt::lengthKeys).sum();
            long openFrom = doubts.stream().filter(d -> d.kind() == k && d.keyTo() == Long.MAX_VALUE)
                    .mapToLong(MappingDoubt::keyFrom).min().orElse(-1);
            if (bounded > 0) {
                sb.append("; ").append(bounded).append(" virtual blocks ").append(k.label());
            }
            if (openFrom >= 0) {
                sb.append("; ").append(bounded > 0 ? "and every" : "every").append(" virtual block from ")
                        .append(openFrom).append(" on ").append(k.label());
            }
        }
        return sb.toString();
    }

    /** The mappings as merged runs (data blocks below {@code dataBlockLimit} only). */
    public DeviceRuns runs(long dataBlockLimit) {
        DeviceRuns.Builder b = DeviceRuns.builder(deviceId);
        for (int i = 0; i < virtualBlocks.length; i++) {
            if (dataBlock(i) < dataBlockLimit) {
                b.add(virtualBlocks[i], dataBlock(i), 1);
            }
        }
        return b.build();
    }

    /**
     * Where each byte of the device lies in the pool's data space, for a volume of {@code volumeBytes}: mapped blocks
     * (in-doubt ones included: they are marked by {@link #doubts()}), holes elsewhere.
     */
    public ExtentMap poolDataMap(long volumeBytes, long dataBlockBytes, long dataBlockLimit) {
        DeviceRuns runs = runs(dataBlockLimit);
        ExtentMap.Builder b = ExtentMap.builder();
        for (int i = 0; i < runs.runCount(); i++) {
            long start = runs.virtualBlock(i) * dataBlockBytes;
            if (start >= volumeBytes) {
                break;
            }
            long len = Math.min(runs.lengthBlocks(i) * dataBlockBytes, volumeBytes - start);
            b.add(new Extent(start, len, runs.dataBlock(i) * dataBlockBytes));
        }
        return b.build(Math.max(0, volumeBytes));
    }
}
