package io.qrescue.imager.output;

import java.io.IOException;
import java.nio.ByteBuffer;

/** The image being written. Every write is complete or throws; bytes never written read as zeros. */
public interface OutputImage extends AutoCloseable {

    /** Writes all of {@code src} at {@code pos}. */
    void write(long pos, ByteBuffer src) throws IOException;

    /** Reads up to {@code dst.remaining()} bytes at {@code pos} (for compare-before-write); returns the count. */
    int read(long pos, ByteBuffer dst) throws IOException;

    /** Current size in bytes. */
    long size() throws IOException;

    /** Sets the size to {@code size}, cutting or growing with zeros (ftruncate). */
    void truncate(long size) throws IOException;

    /** Makes written data durable (fsync). */
    void sync() throws IOException;

    @Override
    void close() throws IOException;
}
