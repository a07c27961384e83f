package io.qrescue.recovery.volume;

import java.util.List;
import java.util.Optional;

/** The volumes found on a set of images, by name ("vg1/lv1"); implemented over the stack readers. */
public interface VolumeCatalog {

    /** Every volume, in a stable order. */
    List<VolumeLocation> volumes();

    /** The volume called {@code name}, if any. */
    default Optional<VolumeLocation> find(String name) {
        return volumes().stream().filter(v -> v.name().equals(name)).findFirst();
    }

    /**
     * Why the volume called {@code name}, which the metadata names, has no bytes to read at all (its pool has no
     * readable superblock, its PV is missing...); empty when it is readable or unknown.
     */
    default Optional<String> problem(String name) {
        return Optional.empty();
    }
}
