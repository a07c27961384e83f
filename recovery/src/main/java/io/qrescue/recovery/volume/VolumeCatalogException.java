package io.qrescue.recovery.volume;

/**
 * No volume catalog for an image: its metadata is damaged or unknown ({@link #corruptInput()}), or no reader is
 * available for it. The message is one line naming the image and, where known, the offset.
 */
public final class VolumeCatalogException extends Exception {

    private final boolean corruptInput;

    public VolumeCatalogException(String message, boolean corruptInput) {
        super(message);
        this.corruptInput = corruptInput;
    }

    /** True when the image's metadata is damaged or inconsistent (ddrescue's exit status 2). */
    public boolean corruptInput() {
        return corruptInput;
    }
}
