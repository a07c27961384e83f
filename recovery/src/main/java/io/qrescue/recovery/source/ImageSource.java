package io.qrescue.recovery.source;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Random-access, read-only bytes of a disk image or of a window into one. A source never writes, and reading
 * past {@link #size()} yields fewer bytes, never an exception.
 */
public interface ImageSource extends Closeable {

    /** Size in bytes. */
    long size();

    /**
     * Reads up to {@code dst.remaining()} bytes at {@code offset} into {@code dst}; fills it completely unless
     * the end of the source comes first.
     *
     * @return the number of bytes read, 0 at or after the end
     */
    int read(long offset, ByteBuffer dst) throws IOException;

    /** Exactly {@code length} bytes at {@code offset}, or an {@link IOException} naming the offset if the source ends first. */
    default byte[] readFully(long offset, int length) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length);
        int n = read(offset, buf);
        if (n < length) {
            throw new IOException("short read at offset " + offset + ": wanted " + length + " bytes, source ends at "
                    + size());
        }
        return buf.array();
    }

    /** The bytes {@code [offset, offset + length)} of this source, as a source of their own (a partition, a data area). */
    default ImageSource slice(long offset, long length) {
        return new SliceSource(this, offset, length);
    }

    @Override
    default void close() throws IOException {
    }
}
