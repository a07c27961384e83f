package io.qrescue.recovery.stack;

/**
 * Bytes {@code [offsetBytes, offsetBytes + lengthBytes)} of image {@code imageIndex} that hold metadata of the
 * stack ({@code structure} names it: "GPT primary", "md superblock md1", "LVM mda text vg1 seqno 10", "tmeta tp1"...).
 */
public record MetadataRegion(int imageIndex, String structure, long offsetBytes, long lengthBytes) {

    public long endBytes() {
        return offsetBytes + lengthBytes;
    }
}
