package io.qrescue.recovery.analysis;

import io.qrescue.recovery.stack.md.MdArraySource;

/**
 * Bytes {@code [offsetBytes, offsetBytes + lengthBytes)} of image {@code imageIndex} that hold metadata: {@code kind}
 * is a stable id ("partition-table", "md-superblock", "md-bad-block-log", "md-bitmap", "drbd-metadata", "lvm-label",
 * "lvm-mda-header", "lvm-metadata-text", "lvm-metadata-area", "thin-metadata", "luks-header", "luks-key-material"),
 * {@code structure} says which one in words, and regions with the same {@code copyGroup} hold copies of the same
 * information (one readable copy is enough). Metadata on an md array ({@code onArray} not null) lies in the array's
 * bytes, which the array heals from its other members: the region is one member's share of them (a copy, or parity
 * protecting them).
 */
public record MetadataRegion(int imageIndex, long offsetBytes, long lengthBytes, String kind, String structure,
        String copyGroup, ArrayBytes onArray) {

    /** Bytes {@code [offset, +length)} of an assembled md array. */
    public record ArrayBytes(MdArraySource array, long offset, long length) {
    }

    /** A region on an image's own bytes (not inside an md array). */
    public MetadataRegion(int imageIndex, long offsetBytes, long lengthBytes, String kind, String structure,
            String copyGroup) {
        this(imageIndex, offsetBytes, lengthBytes, kind, structure, copyGroup, null);
    }

    public long endBytes() {
        return offsetBytes + lengthBytes;
    }
}
