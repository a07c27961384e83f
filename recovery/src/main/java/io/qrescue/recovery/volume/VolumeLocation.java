package io.qrescue.recovery.volume;

import io.qrescue.recovery.source.Extent;
import io.qrescue.recovery.source.ExtentMap;
import java.util.Objects;

/**
 * Where the bytes of one volume lie in the image: its name ("vg1/lv1"), its size, the map from its logical
 * bytes to image bytes, and what kind of volume it is ("linear", "thin", "snapshot", "region").
 */
public record VolumeLocation(String name, long sizeBytes, ExtentMap extents, String kind) {

    public VolumeLocation {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(extents, "extents");
        Objects.requireNonNull(kind, "kind");
        if (sizeBytes != extents.logicalSize()) {
            throw new IllegalArgumentException("volume " + name + ": size " + sizeBytes
                    + " differs from its extent map's " + extents.logicalSize());
        }
    }

    /** The raw region {@code [offsetBytes, offsetBytes + lengthBytes)} of the image, as a volume named {@code name}. */
    public static VolumeLocation region(String name, long offsetBytes, long lengthBytes) {
        if (offsetBytes < 0 || lengthBytes <= 0) {
            throw new IllegalArgumentException("bad region " + offsetBytes + "+" + lengthBytes);
        }
        ExtentMap map = ExtentMap.builder()
                .add(new Extent(0, lengthBytes, offsetBytes)).build(lengthBytes);
        return new VolumeLocation(name, lengthBytes, map, "region");
    }
}
