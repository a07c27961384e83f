package io.qrescue.imager.output;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A file that accepts only sector-aligned transfers from page-aligned buffers (a file opened with O_DIRECT).
 * {@link SectorAlignedImage} turns it into an {@link OutputImage}.
 */
public interface RawImage extends AutoCloseable {

    /** Reads up to {@code dst.remaining()} bytes at {@code pos}; fewer only at end of file. Returns the count. */
    int readAt(long pos, ByteBuffer dst) throws IOException;

    /** Writes all of {@code src} at {@code pos}. */
    void writeAt(long pos, ByteBuffer src) throws IOException;

    long size() throws IOException;

    /** Sets the size (ftruncate): cuts, or grows with zeros. */
    void truncate(long size) throws IOException;

    void sync() throws IOException;

    @Override
    void close() throws IOException;
}
