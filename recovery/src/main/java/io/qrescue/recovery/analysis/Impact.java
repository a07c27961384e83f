package io.qrescue.recovery.analysis;

/**
 * One thing an unreadable region touches: image bytes {@code [offsetBytes, offsetBytes + lengthBytes)} (a sub-range
 * of the region), a stable {@code kind} id (the {@link MetadataRegion} kinds, "thin-metadata", "thin-data",
 * "linear-data", "lv-data", "free-pool-blocks", "unallocated-extents", "pv-unused", "md-reserved", "unanalysed",
 * "outside-partitions", "beyond-image"), the {@code structure} in words, the volume whose bytes
 * {@code [volumeOffsetBytes, +volumeLengthBytes)} are lost (null and -1/0 when none), whether anything is
 * {@code lost} (false when another copy survives or the bytes are unused) and the {@code cost} in one sentence.
 */
public record Impact(long offsetBytes, long lengthBytes, String kind, String structure, String volume,
        long volumeOffsetBytes, long volumeLengthBytes, boolean lost, String cost) {

    static Impact of(long offsetBytes, long lengthBytes, String kind, String structure, boolean lost, String cost) {
        return new Impact(offsetBytes, lengthBytes, kind, structure, null, -1, 0, lost, cost);
    }

    public long endBytes() {
        return offsetBytes + lengthBytes;
    }
}
