package io.qrescue.recovery.volume;

import java.util.List;
import java.util.Optional;

/** The volumes found on a set of images, by name ("vg1/lv1"); implemented over the stack readers. */
public interface VolumeCatalog {

    /** Every volume, in a stable order. */
    List<VolumeLocation> volumes();

    /** What kept volumes from being found, one line each ("md1: roles 1, 3 missing ..."); empty when nothing did. */
    default List<String> problems() {
        return List.of();
    }

    /** The volume called {@code name}, if any. */
    default Optional<VolumeLocation> find(String name) {
        return volumes().stream().filter(v -> v.name().equals(name)).findFirst();
    }
}
