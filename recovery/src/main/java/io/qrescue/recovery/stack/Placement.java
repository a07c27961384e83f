package io.qrescue.recovery.stack;

import io.qrescue.recovery.source.Extent;
import io.qrescue.recovery.source.ExtentMap;
import io.qrescue.recovery.source.ImageSource;
import io.qrescue.recovery.source.MappedSource;
import io.qrescue.recovery.stack.md.MdArraySource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A volume's bytes on the source below the stack's volumes: {@code toLower} maps volume bytes to bytes of
 * {@code lower}, which is either a scanned image ({@code imageIndex} ≥ 0) or an md array assembled from members on
 * the images ({@code imageIndex} -1; the array reads each byte from whichever member holds or rebuilds it).
 */
public record Placement(ImageSource lower, String lowerName, int imageIndex, ExtentMap toLower) {

    public Placement {
        Objects.requireNonNull(lower, "lower");
        Objects.requireNonNull(lowerName, "lowerName");
        Objects.requireNonNull(toLower, "toLower");
        if ((imageIndex < 0) != (lower instanceof MdArraySource)) {
            throw new IllegalArgumentException("a placement is on an image (index >= 0) or on an md array");
        }
    }

    /** Volume bytes on image {@code imageIndex}. */
    public static Placement onImage(int imageIndex, String imageName, ImageSource image, ExtentMap toImage) {
        return new Placement(image, imageName, imageIndex, toImage);
    }

    /** Volume bytes on an assembled md array. */
    public static Placement onArray(MdArraySource array, ExtentMap toArray) {
        return new Placement(array, array.name(), -1, toArray);
    }

    /** The array below, or null when the volume lies on an image. */
    public MdArraySource array() {
        return lower instanceof MdArraySource a ? a : null;
    }

    /** The volume's bytes as a source of their own (holes read as zeros), with the damage below carried up. */
    public MappedSource open() {
        return new MappedSource(lower, toLower);
    }

    /** A volume lying on this one ({@code upper}: its bytes → this volume's bytes), placed on the same source. */
    public Placement under(ExtentMap upper) {
        return new Placement(lower, lowerName, imageIndex, upper.through(toLower));
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
        for (Extent e : toLower.lookup(from, length)) {
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
