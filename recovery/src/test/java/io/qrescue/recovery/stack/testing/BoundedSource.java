package io.qrescue.recovery.stack.testing;

import io.qrescue.recovery.source.Damage;
import io.qrescue.recovery.source.ImageSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * A byte array seen as an image of {@code size} bytes (less than the array: a truncated image), remembering the
 * largest single read asked of it, so fuzz tests can check no reader asks for more than the image (test-only).
 */
public final class BoundedSource implements ImageSource {

    private final byte[] bytes;
    private final long size;
    private long largestReadBytes;
    private long totalReadBytes;

    public BoundedSource(byte[] bytes, long size) {
        this.bytes = bytes;
        this.size = size;
    }

    public long largestReadBytes() {
        return largestReadBytes;
    }

    public long totalReadBytes() {
        return totalReadBytes;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public int read(long offset, ByteBuffer dst) throws IOException {
        if (offset < 0) {
            throw new IllegalArgumentException("negative offset " + offset);
        }
        largestReadBytes = Math.max(largestReadBytes, dst.remaining());
        if (offset >= size) {
            return 0;
        }
        int n = (int) Math.min(dst.remaining(), size - offset);
        dst.put(bytes, (int) offset, n);
        totalReadBytes += n;
        return n;
    }

    /** Bytes in memory are all good. */
    @Override
    public List<Damage> damageIn(long offset, long length) {
        return List.of();
    }
}
