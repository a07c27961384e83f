package io.qrescue.recovery.cli;

import io.qrescue.recovery.analysis.StackVolumeCatalog;
import io.qrescue.recovery.volume.VolumeCatalogFactory;

/**
 * Where {@code extract} and {@code serve} get the volumes of an image from when given {@code --volume}: the
 * stack analysis ({@link StackVolumeCatalog}). This is the one place to point at it.
 */
final class VolumeCatalogs {

    private VolumeCatalogs() {
    }

    /** The factory the commands use by default. */
    static VolumeCatalogFactory stackScanner() {
        return StackVolumeCatalog.factory();
    }
}
