package io.qrescue.recovery.volume;

import java.io.IOException;

/** Reading the image failed while extracting: at image offset {@code imageOffsetBytes}, for volume offset {@code volumeOffsetBytes}. */
public final class VolumeReadException extends IOException {

    private final long imageOffsetBytes;
    private final long volumeOffsetBytes;

    public VolumeReadException(long imageOffsetBytes, long volumeOffsetBytes, IOException cause) {
        super("can't read the image at offset " + imageOffsetBytes + " (volume offset " + volumeOffsetBytes + "): "
                + cause.getMessage(), cause);
        this.imageOffsetBytes = imageOffsetBytes;
        this.volumeOffsetBytes = volumeOffsetBytes;
    }

    public long imageOffsetBytes() {
        return imageOffsetBytes;
    }

    public long volumeOffsetBytes() {
        return volumeOffsetBytes;
    }
}
