package io.qrescue.recovery.vm.lvmfix;

/** LVM metadata that cannot be read or parsed; the message names the file and the offset or line. */
public final class MetadataFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    public MetadataFormatException(String message) {
        super(message);
    }
}
