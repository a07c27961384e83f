package io.qrescue.recovery.volume;

import io.qrescue.mapfile.MapfileHeader;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where an extraction writes: the raw image {@code imageFile}, its ddrescue mapfile {@code mapfile} (header
 * lines from {@code header}), whether existing files may be replaced, the copy unit in bytes, and whether unreadable
 * bytes are left out ({@code readableOnly}: bytes on image bytes not imaged or unreadable, e.g. the free space after
 * {@code rescue --until=files}, stay holes instead of being read; bytes of unknown provenance are copied as read;
 * both are marked in the mapfile either way).
 */
public record ExtractionRequest(Path imageFile, Path mapfile, MapfileHeader header, boolean overwrite, int chunkBytes,
        boolean readableOnly) {

    /**
     * Large enough for sequential disk speed (the image is read several chunks ahead), small enough that the
     * chunks in flight stay in the CPU's cache: 4 MiB chunks copied measurably slower.
     */
    public static final int DEFAULT_CHUNK_BYTES = 256 << 10;

    public ExtractionRequest {
        Objects.requireNonNull(imageFile, "imageFile");
        Objects.requireNonNull(mapfile, "mapfile");
        Objects.requireNonNull(header, "header");
        if (chunkBytes < 4096 || chunkBytes % 4096 != 0) {
            throw new IllegalArgumentException("chunk size " + chunkBytes + " is not a positive multiple of 4096");
        }
    }

    /** Every mapped byte copied as the images hold it, damaged ones included (a ddrescue fill's marker shows). */
    public ExtractionRequest(Path imageFile, Path mapfile, MapfileHeader header, boolean overwrite, int chunkBytes) {
        this(imageFile, mapfile, header, overwrite, chunkBytes, false);
    }

    /** The image's mapfile beside it: {@code OUT.map}. */
    public static Path defaultMapfile(Path imageFile) {
        return imageFile.resolveSibling(imageFile.getFileName() + ".map");
    }
}
