package io.qrescue.recovery.volume;

import io.qrescue.mapfile.BlockStatus;

/**
 * {@code lengthBytes} bytes of a volume from {@code volumeOffsetBytes} that lie on image bytes from
 * {@code imageOffsetBytes} which the image's mapfile does not mark finished (their status there is
 * {@code imageStatus}), or that lie past the end of the image (non-tried).
 */
public record VolumeDamage(long volumeOffsetBytes, long lengthBytes, long imageOffsetBytes, BlockStatus imageStatus) {

    public VolumeDamage {
        if (volumeOffsetBytes < 0 || lengthBytes <= 0 || imageOffsetBytes < 0 || imageStatus == null
                || imageStatus == BlockStatus.FINISHED) {
            throw new IllegalArgumentException("bad damage " + volumeOffsetBytes + "+" + lengthBytes + " @"
                    + imageOffsetBytes + " " + imageStatus);
        }
    }

    public long volumeEndBytes() {
        return volumeOffsetBytes + lengthBytes;
    }
}
