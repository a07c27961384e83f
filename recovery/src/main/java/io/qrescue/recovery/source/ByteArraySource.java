package io.qrescue.recovery.source;

import java.nio.ByteBuffer;
import java.util.List;

/** A source held in memory (tests, small structures built by hand). */
public final class ByteArraySource implements ImageSource {

    private final byte[] bytes;

    public ByteArraySource(byte[] bytes) {
        this.bytes = bytes;
    }

    @Override
    public long size() {
        return bytes.length;
    }

    @Override
    public int read(long offset, ByteBuffer dst) {
        if (offset < 0) {
            throw new IllegalArgumentException("negative offset " + offset);
        }
        if (offset >= bytes.length) {
            return 0;
        }
        int n = (int) Math.min(dst.remaining(), bytes.length - offset);
        dst.put(bytes, (int) offset, n);
        return n;
    }

    /** Bytes in memory are all good. */
    @Override
    public List<Damage> damageIn(long offset, long length) {
        return List.of();
    }
}
