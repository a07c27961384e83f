package io.qrescue.recovery.stack.md;

/**
 * One device that carries a superblock of an array: where it lies ({@code imageIndex} of the scanned images,
 * byte range {@code [startBytes, startBytes + sizeBytes)} of that image), its superblock, and whether its data
 * can be trusted ({@code inSync}; {@code state} says why not: "stale events", "faulty", "spare", "recovering",
 * "bad checksum").
 */
public record MdMember(String label, int imageIndex, long startBytes, long sizeBytes, MdSuperblock superblock,
        boolean inSync, String state) {

    /** Byte offset on the image where this member's copy of the array data starts. */
    public long dataStartBytes() {
        return startBytes + superblock.dataOffsetSectors() * 512;
    }
}
