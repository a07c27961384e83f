package io.qrescue.recovery.stack;

import io.qrescue.recovery.source.Damage;
import io.qrescue.recovery.source.Doubts;
import io.qrescue.recovery.source.Extent;
import io.qrescue.recovery.source.ExtentMap;
import io.qrescue.recovery.source.ImageSource;
import io.qrescue.recovery.source.MappedSource;
import io.qrescue.recovery.stack.md.MdArraySource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A volume's bytes on the source below the stack's volumes: {@code toImage} maps volume bytes to bytes of
 * {@code image}, which is either scanned image {@code imageIndex} (≥ 0) or an md array assembled from members on
 * the images ({@code imageIndex} -1; the array reads each byte from whichever member holds or rebuilds it, and
 * reports the bytes it cannot as its damage). {@code doubts} are the volume's runs whose placement the metadata
 * could not vouch for (in volume offsets, sorted, disjoint), carried up from every layer below. A RAID1-backed
 * volume read member by member has one placement per in-sync member, the preferred one first.
 */
public record Placement(int imageIndex, String imageName, ImageSource image, ExtentMap toImage, List<Damage> doubts) {

    public Placement {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(imageName, "imageName");
        Objects.requireNonNull(toImage, "toImage");
        if ((imageIndex < 0) != (image instanceof MdArraySource)) {
            throw new IllegalArgumentException("a placement is on an image (index >= 0) or on an md array");
        }
        doubts = Doubts.disjoint(doubts);
    }

    /** A placement every byte of which the metadata vouches for. */
    public Placement(int imageIndex, String imageName, ImageSource image, ExtentMap toImage) {
        this(imageIndex, imageName, image, toImage, List.of());
    }

    /** Volume bytes on image {@code imageIndex}. */
    public static Placement onImage(int imageIndex, String imageName, ImageSource image, ExtentMap toImage) {
        return new Placement(imageIndex, imageName, image, toImage);
    }

    /**
     * Volume bytes on an assembled md array. No doubts of its own: the array reports what it cannot heal (and bytes a
     * recovering member does not hold yet) as its damage; a stale member read for want of an in-sync one is a doubt
     * on the PV above (every volume on the array).
     */
    public static Placement onArray(MdArraySource array, ExtentMap toArray) {
        return new Placement(-1, array.name(), array, toArray);
    }

    /** The array below, or null when the volume lies on an image. */
    public MdArraySource array() {
        return image instanceof MdArraySource a ? a : null;
    }

    /** The volume's bytes as a source of their own, with the damage below and the doubts (holes read as zeros). */
    public MappedSource open() {
        return new MappedSource(image, toImage, doubts);
    }

    /**
     * A layer on this one: {@code upper} maps its bytes to this placement's volume bytes, {@code upperDoubts} are its
     * own doubts. The result maps the upper layer onto the same source and carries every doubt: its own, this
     * layer's seen through {@code upper}, and the upper bytes that land on no bytes of this layer ({@code lostCause}).
     */
    public Placement under(ExtentMap upper, List<Damage> upperDoubts, String lostCause) {
        List<Damage> all = new ArrayList<>(upperDoubts);
        all.addAll(Doubts.through(upper, doubts));
        all.addAll(Doubts.lostThrough(upper, toImage, lostCause));
        return new Placement(imageIndex, imageName, image, upper.through(toImage), all);
    }

    /** Image bytes {@code [offsetBytes, +lengthBytes)} of scanned image {@code imageIndex}. */
    public record ImageSpan(int imageIndex, long offsetBytes, long lengthBytes) {
        public long endBytes() {
            return offsetBytes + lengthBytes;
        }
    }

    /**
     * The image bytes that hold volume bytes {@code [from, from + length)} (on an array: every copy, and the parity
     * of their stripe rows, on the members present), in volume order.
     */
    public List<ImageSpan> imageSpans(long from, long length) {
        List<ImageSpan> out = new ArrayList<>();
        MdArraySource array = array();
        for (Extent e : toImage.lookup(from, length)) {
            if (e.isHole()) {
                continue;
            }
            if (array == null) {
                out.add(new ImageSpan(imageIndex, e.physicalStart(), e.length()));
            } else {
                for (MdArraySource.ImagePiece p : array.imagePieces(e.physicalStart(), e.length())) {
                    out.add(new ImageSpan(p.imageIndex(), p.imageOffset(), p.length()));
                }
            }
        }
        return out;
    }

    /** The first image byte of volume byte {@code offset} (its first copy), or -1 when it has none. */
    public long imageOffsetOf(long offset) {
        List<ImageSpan> spans = imageSpans(offset, 1);
        return spans.isEmpty() ? -1 : spans.get(0).offsetBytes();
    }
}
