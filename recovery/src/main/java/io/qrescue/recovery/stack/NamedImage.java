package io.qrescue.recovery.stack;

import io.qrescue.recovery.source.ImageSource;

/** A disk image to scan and the name to show for it (usually its file name). */
public record NamedImage(String name, ImageSource source) {
}
