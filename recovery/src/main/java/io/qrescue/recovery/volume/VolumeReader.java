package io.qrescue.recovery.volume;

import io.qrescue.mapfile.BlockStatus;
import io.qrescue.mapfile.StatusBlock;
import io.qrescue.recovery.source.Extent;
import io.qrescue.recovery.source.ExtentMap;
import io.qrescue.recovery.source.ImageSource;
import io.qrescue.recovery.source.Readability;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The bytes of a volume: its {@link ExtentMap} laid over an image, holes and bytes past the image's end read
 * as zeros; and which of its bytes are damaged, that is lie on image bytes the image's mapfile does not mark
 * finished. Reads are positional and keep no state, so threads may share a reader. Closing it does not close
 * the image.
 */
public final class VolumeReader implements ImageSource {

    private static final byte[] ZEROS = new byte[64 * 1024];

    private final ImageSource image;
    private final ExtentMap extents;
    private final Readability readability;

    public VolumeReader(ImageSource image, ExtentMap extents, Readability readability) {
        this.image = Objects.requireNonNull(image, "image");
        this.extents = Objects.requireNonNull(extents, "extents");
        this.readability = Objects.requireNonNull(readability, "readability");
    }

    /** The volume at {@code location} in {@code image}. */
    public static VolumeReader of(ImageSource image, VolumeLocation location, Readability readability) {
        return new VolumeReader(image, location.extents(), readability);
    }

    @Override
    public long size() {
        return extents.logicalSize();
    }

    public ExtentMap extents() {
        return extents;
    }

    /** The image below the volume (for readers that copy extent by extent). */
    public ImageSource image() {
        return image;
    }

    @Override
    public int read(long offset, ByteBuffer dst) throws IOException {
        if (offset < 0) {
            throw new IllegalArgumentException("negative offset " + offset);
        }
        if (offset >= size()) {
            return 0;
        }
        int want = (int) Math.min(dst.remaining(), size() - offset);
        for (Extent piece : extents.lookup(offset, want)) {
            int length = (int) piece.length();
            if (piece.isHole()) {
                putZeros(dst, length);
                continue;
            }
            ByteBuffer window = dst.slice(dst.position(), length);
            int n = image.read(piece.physicalStart(), window);
            dst.position(dst.position() + n);
            putZeros(dst, length - n); // the extent reaches past the image's end (a truncated image)
        }
        return want;
    }

    /**
     * The damaged pieces of volume bytes {@code [offset, offset + length)}, in volume order, each on one run
     * of image bytes of one status. Holes are never damaged.
     */
    public List<VolumeDamage> damageIn(long offset, long length) {
        List<VolumeDamage> out = new ArrayList<>();
        for (Extent piece : extents.lookup(offset, length)) {
            if (piece.isHole()) {
                continue;
            }
            long inImage = Math.max(0, Math.min(piece.length(), image.size() - piece.physicalStart()));
            for (StatusBlock sb : readability.damageIn(piece.physicalStart(), inImage)) {
                out.add(new VolumeDamage(piece.logicalStart() + (sb.pos() - piece.physicalStart()), sb.size(),
                        sb.pos(), sb.status()));
            }
            if (inImage < piece.length()) {
                long physical = piece.physicalStart() + inImage;
                out.add(new VolumeDamage(piece.logicalStart() + inImage, piece.length() - inImage, physical,
                        BlockStatus.NON_TRIED));
            }
        }
        return out;
    }

    /** How many of the volume's bytes are damaged (what a reader of the whole volume cannot get). */
    public long damagedBytes() {
        return damageIn(0, size()).stream().mapToLong(VolumeDamage::lengthBytes).sum();
    }

    /** True when no byte of {@code [offset, offset + length)} is damaged. */
    public boolean isReadable(long offset, long length) {
        return damageIn(offset, length).isEmpty();
    }

    private static void putZeros(ByteBuffer dst, int length) {
        for (int left = length; left > 0; ) {
            int n = Math.min(left, ZEROS.length);
            dst.put(ZEROS, 0, n);
            left -= n;
        }
    }
}
