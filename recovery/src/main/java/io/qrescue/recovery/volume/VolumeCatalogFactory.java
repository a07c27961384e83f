package io.qrescue.recovery.volume;

import io.qrescue.recovery.stack.NamedImage;
import java.io.IOException;
import java.util.List;

/** Finds the volumes of a set of images (partitions, md arrays, LVM, thin pools below them): the stack scanner's entry point. */
@FunctionalInterface
public interface VolumeCatalogFactory {

    /**
     * The volumes on {@code images} (the members of one NAS, in the order given). Each image is a source that
     * knows its damage (a {@link io.qrescue.recovery.source.RescuedImage} read with its mapfile), so metadata on
     * damaged bytes is reported instead of trusted, and each volume's source carries that damage up.
     *
     * @throws VolumeCatalogException when the images hold no stack this factory can read
     */
    VolumeCatalog open(List<NamedImage> images) throws IOException, VolumeCatalogException;
}
