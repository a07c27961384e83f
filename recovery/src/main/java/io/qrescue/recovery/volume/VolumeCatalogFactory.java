package io.qrescue.recovery.volume;

import io.qrescue.recovery.source.ImageSource;
import io.qrescue.recovery.source.Readability;
import java.io.IOException;

/** Finds the volumes of an image (partitions, md arrays, LVM, thin pools below them): the stack scanner's entry point. */
@FunctionalInterface
public interface VolumeCatalogFactory {

    /**
     * The volumes in {@code image}; {@code readability} says which image bytes hold rescued data, so metadata on
     * damaged bytes can be reported instead of trusted.
     *
     * @throws VolumeCatalogException when the image holds no stack this factory can read
     */
    VolumeCatalog open(ImageSource image, Readability readability) throws IOException, VolumeCatalogException;
}
