package io.qrescue.recovery.source;

import io.qrescue.mapfile.StatusBlock;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The bottom of every stack: a rescued image (or a device) read with its ddrescue mapfile. Bytes the mapfile
 * does not mark finished, and bytes past the map's end, are {@link DamageKind#UNREADABLE} with the map's status;
 * they read as whatever the image holds there (usually zeros), which no layer above may hand out as good.
 * Closing it closes the image.
 */
public final class RescuedImage implements ImageSource {

    private final String name;
    private final ImageSource raw;
    private final Readability readability;

    private RescuedImage(String name, ImageSource raw, Readability readability) {
        this.name = Objects.requireNonNull(name, "name");
        this.raw = Objects.requireNonNull(raw, "raw");
        this.readability = Objects.requireNonNull(readability, "readability");
    }

    /** {@code raw}, named {@code name} in messages, with the mapfile's {@code readability}. */
    public static RescuedImage of(String name, ImageSource raw, Readability readability) {
        return new RescuedImage(name, raw, readability);
    }

    /** The name messages and damage origins use (usually the image's file name). */
    public String name() {
        return name;
    }

    /** Which bytes the mapfile marks finished. */
    public Readability readability() {
        return readability;
    }

    @Override
    public long size() {
        return raw.size();
    }

    @Override
    public int read(long offset, ByteBuffer dst) throws IOException {
        return raw.read(offset, dst);
    }

    @Override
    public List<Damage> damageIn(long offset, long length) {
        long from = Math.max(0, offset);
        long to = Math.min(size(), offset + Math.max(0, length));
        List<Damage> out = new ArrayList<>();
        if (from >= to) {
            return out;
        }
        for (StatusBlock sb : readability.damageIn(from, to - from)) {
            out.add(Damage.unreadable(sb.pos(), sb.size(), sb.status(), name));
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        raw.close();
    }
}
