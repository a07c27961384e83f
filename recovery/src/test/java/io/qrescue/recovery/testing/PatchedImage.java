package io.qrescue.recovery.testing;

import io.qrescue.recovery.source.Damage;
import io.qrescue.recovery.source.ImageSource;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;

/**
 * Test-only: an image seen with a few byte ranges replaced ({@link Patch}es, later ones winning), without copying
 * it, so a corruption campaign reads one pristine image under thousands of different corruptions. Every byte
 * counts as good (wrap it in a {@code RescuedImage} for a mapfile). Closing it leaves the base open.
 */
public final class PatchedImage implements ImageSource {

    /** {@code bytes} at image offset {@code offset}. */
    public record Patch(long offset, byte[] bytes) {
        public long end() {
            return offset + bytes.length;
        }

        /** Writes this patch into {@code image} (a copy of a fixture). */
        public void applyTo(Path image) throws IOException {
            try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "rw")) {
                f.seek(offset);
                f.write(bytes);
            }
        }
    }

    private final ImageSource base;
    private final List<Patch> patches;
    private final long size;

    public PatchedImage(ImageSource base, List<Patch> patches) {
        this(base, patches, base.size());
    }

    /** {@code base} with {@code patches}, cut to its first {@code size} bytes (a truncated image). */
    public PatchedImage(ImageSource base, List<Patch> patches, long size) {
        this.base = base;
        this.patches = List.copyOf(patches);
        this.size = Math.min(size, base.size());
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public int read(long offset, ByteBuffer dst) throws IOException {
        if (offset >= size) {
            return 0;
        }
        int start = dst.position();
        ByteBuffer window = dst.remaining() > size - offset ? dst.slice(start, (int) (size - offset)) : dst;
        int n = base.read(offset, window);
        if (window != dst) {
            dst.position(start + n);
        }
        long end = offset + n;
        for (Patch p : patches) {
            long s = Math.max(offset, p.offset());
            long e = Math.min(end, p.end());
            for (long i = s; i < e; i++) {
                dst.put(start + (int) (i - offset), p.bytes()[(int) (i - p.offset())]);
            }
        }
        return n;
    }

    @Override
    public List<Damage> damageIn(long offset, long length) {
        return List.of();
    }
}
