package io.qrescue.recovery.stack;

import io.qrescue.recovery.source.ExtentMap;
import io.qrescue.recovery.source.ImageSource;
import io.qrescue.recovery.source.MappedSource;

/**
 * A volume's bytes on one scanned image: {@code toImage} maps volume bytes to bytes of image {@code imageIndex}.
 * A RAID1-backed volume has one placement per in-sync member, the preferred one first.
 */
public record Placement(int imageIndex, String imageName, ImageSource image, ExtentMap toImage) {

    /** The volume's bytes as a source of their own (holes read as zeros). */
    public ImageSource open() {
        return new MappedSource(image, toImage);
    }
}
