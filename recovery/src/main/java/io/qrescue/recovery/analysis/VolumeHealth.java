package io.qrescue.recovery.analysis;

/**
 * How much of a volume survives: {@code readableBytes} are bytes whose data and whose metadata path (thin mapping
 * nodes, superblock) are readable (unmapped thin blocks count when their mapping node is readable: they read as
 * zeros); {@code readableMappedBytes} the same among mapped bytes; {@code dataLostBytes} bytes lost to unreadable
 * data; {@code metadataLostBytes} bytes whose mapping is lost; {@code mappingUnknownBytes} those of them whose
 * mapping was never seen (below metadata that was already unreadable, or a pool without a readable superblock):
 * {@code mappedBytes} does not count them, whether they are mapped is unknown.
 */
public record VolumeHealth(String volume, long sizeBytes, long mappedBytes, long readableBytes,
        long readableMappedBytes, long dataLostBytes, long metadataLostBytes, long mappingUnknownBytes) {

    /** True when part of the volume's mapping is unknown, so {@code mappedBytes} is only a lower bound. */
    public boolean mappingPartlyUnknown() {
        return mappingUnknownBytes > 0;
    }

    /** readableBytes / sizeBytes (1 for an empty volume). */
    public double readableFraction() {
        return sizeBytes == 0 ? 1.0 : (double) readableBytes / sizeBytes;
    }

    /** readableMappedBytes / (mappedBytes + mappingUnknownBytes) (1 when nothing is mapped or unknown). */
    public double readableMappedFraction() {
        long of = mappedBytes + mappingUnknownBytes;
        return of == 0 ? 1.0 : (double) readableMappedBytes / of;
    }
}
