package io.qrescue.recovery.analysis;

/**
 * Bytes {@code [offsetBytes, offsetBytes + lengthBytes)} of image {@code imageIndex} that hold metadata: {@code kind}
 * is a stable id ("partition-table", "md-superblock", "md-bad-block-log", "md-bitmap", "drbd-metadata", "lvm-label",
 * "lvm-mda-header", "lvm-metadata-text", "lvm-metadata-area", "thin-metadata", "luks-header", "luks-key-material"),
 * {@code structure} says which one in words, and regions with the same {@code copyGroup} hold copies of the same
 * information (one readable copy is enough).
 */
public record MetadataRegion(int imageIndex, long offsetBytes, long lengthBytes, String kind, String structure,
        String copyGroup) {

    public long endBytes() {
        return offsetBytes + lengthBytes;
    }
}
