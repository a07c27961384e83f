package io.qrescue.recovery.analysis;

/**
 * How much of a volume survives: {@code readableBytes} are bytes whose data and whose metadata path (thin mapping
 * nodes, superblock) are readable (unmapped thin blocks count when their mapping node is readable: they read as
 * zeros); {@code readableMappedBytes} the same among mapped bytes; {@code dataLostBytes} bytes lost to unreadable
 * data; {@code metadataLostBytes} bytes whose mapping is lost.
 */
public record VolumeHealth(String volume, long sizeBytes, long mappedBytes, long readableBytes,
        long readableMappedBytes, long dataLostBytes, long metadataLostBytes) {

    /** readableBytes / sizeBytes (1 for an empty volume). */
    public double readableFraction() {
        return sizeBytes == 0 ? 1.0 : (double) readableBytes / sizeBytes;
    }

    /** readableMappedBytes / mappedBytes (1 when nothing is mapped). */
    public double readableMappedFraction() {
        return mappedBytes == 0 ? 1.0 : (double) readableMappedBytes / mappedBytes;
    }
}
