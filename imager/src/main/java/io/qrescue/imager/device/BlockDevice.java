package io.qrescue.imager.device;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A readable source of sectors: a disk, an image file, a simulated disk. A bad sector is an outcome, never an
 * exception: {@link #read} tells how many bytes it copied and how many failed, like ddrescue's read loop.
 */
public interface BlockDevice extends AutoCloseable {

    /** Size in bytes as ddrescue sees it ({@code lseek(SEEK_END)}); 0 if unknown. */
    long size();

    /** Logical sector size in bytes, the unit of single-sector reads. */
    int sectorSize();

    /**
     * Reads {@code dst.remaining()} bytes at {@code pos} into {@code dst}, advancing its position by the number
     * of bytes copied. The copied bytes are always the first ones of the request. {@code copied + error <
     * requested} means end of file at {@code pos + copied + error}.
     */
    ReadOutcome read(long pos, ByteBuffer dst);

    /** True if reads bypass the page cache (O_DIRECT). */
    default boolean directIo() {
        return false;
    }

    /**
     * Closes and opens the source again (ddrescue -O, after a read error). Returns false if it cannot be opened
     * again; a device without anything to reopen returns true.
     */
    default boolean reopen() {
        return true;
    }

    @Override
    void close() throws IOException;
}
