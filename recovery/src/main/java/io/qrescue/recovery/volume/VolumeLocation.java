package io.qrescue.recovery.volume;

import io.qrescue.recovery.source.Extent;
import io.qrescue.recovery.source.ExtentMap;
import io.qrescue.recovery.source.ImageSource;
import io.qrescue.recovery.source.MappedSource;
import java.util.Objects;

/**
 * One volume of a set of images: its name ("vg1/lv1"), what kind of volume it is ("linear", "thin", "snapshot",
 * "region"), and its bytes with what is known of each ({@code source}: the volume's map over the source below,
 * whose damage carries every doubt of every layer).
 */
public record VolumeLocation(String name, String kind, MappedSource source) {

    public VolumeLocation {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(source, "source");
    }

    public long sizeBytes() {
        return source.size();
    }

    /** Volume bytes → bytes of the source below. */
    public ExtentMap extents() {
        return source.map();
    }

    /** The raw region {@code [offsetBytes, offsetBytes + lengthBytes)} of {@code image}, as a volume named {@code name}. */
    public static VolumeLocation region(String name, ImageSource image, long offsetBytes, long lengthBytes) {
        if (offsetBytes < 0 || lengthBytes <= 0) {
            throw new IllegalArgumentException("bad region " + offsetBytes + "+" + lengthBytes);
        }
        ExtentMap map = ExtentMap.builder()
                .add(new Extent(0, lengthBytes, offsetBytes)).build(lengthBytes);
        return new VolumeLocation(name, "region", new MappedSource(image, map));
    }
}
