package io.qrescue.mapfile;

/** The mapfile does not exist or cannot be opened: ddrescue's "Mapfile does not exist or is not readable.", exit 1. */
public final class MapfileNotReadableException extends MapfileException {

    private static final long serialVersionUID = 1L;

    public MapfileNotReadableException(String displayName) {
        super(displayName + ": Mapfile does not exist or is not readable.", ENVIRONMENT);
    }
}
