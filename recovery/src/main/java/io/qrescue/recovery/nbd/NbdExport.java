package io.qrescue.recovery.nbd;

import io.qrescue.recovery.source.ImageSource;
import java.util.Objects;

/**
 * The one volume a server exports: under {@code name} (clients may also ask for the default export, "") with
 * a one-line {@code description}.
 */
public record NbdExport(String name, String description, ImageSource volume) {

    public NbdExport {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(volume, "volume");
    }

    /** True for this export's name and for the empty name (the default export). */
    boolean answersTo(String requested) {
        return requested.isEmpty() || requested.equals(name);
    }
}
