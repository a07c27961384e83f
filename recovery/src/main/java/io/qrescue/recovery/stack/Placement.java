package io.qrescue.recovery.stack;

import io.qrescue.recovery.source.Damage;
import io.qrescue.recovery.source.ExtentMap;
import io.qrescue.recovery.source.ImageSource;
import io.qrescue.recovery.source.MappedSource;
import java.util.List;

/**
 * A volume's bytes on one scanned image: {@code toImage} maps volume bytes to bytes of image {@code imageIndex};
 * {@code doubts} are the volume's runs whose placement the metadata could not vouch for (in volume offsets, sorted,
 * disjoint). A RAID1-backed volume has one placement per in-sync member, the preferred one first.
 */
public record Placement(int imageIndex, String imageName, ImageSource image, ExtentMap toImage, List<Damage> doubts) {

    public Placement {
        doubts = List.copyOf(doubts);
    }

    /** A placement every byte of which the metadata vouches for. */
    public Placement(int imageIndex, String imageName, ImageSource image, ExtentMap toImage) {
        this(imageIndex, imageName, image, toImage, List.of());
    }

    /** The volume's bytes as a source of their own, with the image's damage and the doubts (holes read as zeros). */
    public MappedSource open() {
        return new MappedSource(image, toImage, doubts);
    }
}
