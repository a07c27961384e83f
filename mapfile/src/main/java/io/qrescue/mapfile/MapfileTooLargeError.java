package io.qrescue.mapfile;

/**
 * The Java heap ran out while a mapfile was read: names the file and how many blocks fitted, so the command
 * line can say what was too large. The partly read map is dropped before this is thrown.
 */
public final class MapfileTooLargeError extends OutOfMemoryError {

    private static final long serialVersionUID = 1L;

    public MapfileTooLargeError(String displayName, long blocksRead) {
        super("mapfile " + displayName + " (the heap ran out after " + blocksRead + " blocks)");
    }
}
