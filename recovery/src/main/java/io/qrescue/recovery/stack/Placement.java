package io.qrescue.recovery.stack;

import io.qrescue.recovery.source.Damage;
import io.qrescue.recovery.source.Doubts;
import io.qrescue.recovery.source.ExtentMap;
import io.qrescue.recovery.source.ImageSource;
import io.qrescue.recovery.source.MappedSource;
import java.util.ArrayList;
import java.util.List;

/**
 * A volume's bytes on one scanned image: {@code toImage} maps volume bytes to bytes of image {@code imageIndex};
 * {@code doubts} are the volume's runs whose placement the metadata could not vouch for (in volume offsets,
 * sorted, disjoint), carried up from every layer below. A RAID1-backed volume has one placement per in-sync member,
 * the preferred one first.
 */
public record Placement(int imageIndex, String imageName, ImageSource image, ExtentMap toImage, List<Damage> doubts) {

    public Placement {
        doubts = Doubts.disjoint(doubts);
    }

    /** A placement every byte of which the metadata vouches for. */
    public Placement(int imageIndex, String imageName, ImageSource image, ExtentMap toImage) {
        this(imageIndex, imageName, image, toImage, List.of());
    }

    /** The volume's bytes as a source of their own, with the image's damage and the doubts (holes read as zeros). */
    public MappedSource open() {
        return new MappedSource(image, toImage, doubts);
    }

    /**
     * A layer on this one: {@code upper} maps its bytes to this placement's volume bytes, {@code upperDoubts} are its
     * own doubts. The result maps the upper layer onto the image and carries every doubt: its own, this layer's
     * seen through {@code upper}, and the upper bytes that land on no bytes of this layer ({@code lostCause}).
     */
    public Placement under(ExtentMap upper, List<Damage> upperDoubts, String lostCause) {
        List<Damage> all = new ArrayList<>(upperDoubts);
        all.addAll(Doubts.through(upper, doubts));
        all.addAll(Doubts.lostThrough(upper, toImage, lostCause));
        return new Placement(imageIndex, imageName, image, upper.through(toImage), all);
    }
}
