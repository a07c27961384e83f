package io.qrescue.recovery.cli;

import io.qrescue.recovery.volume.VolumeCatalogException;
import io.qrescue.recovery.volume.VolumeCatalogFactory;

/**
 * Where {@code extract} and {@code serve} get the volumes of an image from when given {@code --volume}: the
 * stack scanner. This is the one place to point at it.
 */
final class VolumeCatalogs {

    private VolumeCatalogs() {
    }

    /** The factory the commands use by default. */
    static VolumeCatalogFactory stackScanner() {
        return (image, readability) -> {
            throw new VolumeCatalogException("volume names need the storage stack readers, which this build lacks;"
                    + " give the volume's place in the image with --offset and --length", false);
        };
    }
}
