package io.qrescue.recovery.source;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Random-access, read-only bytes of a disk image or of a layer built on images (a partition, an md array, a
 * volume mapped through LVM and a thin pool, a decrypted volume), with what is known of every byte: each layer
 * says which of its bytes are not good ({@link #damageIn}), adding its own doubts to those of the layers below.
 * A source never writes, and reading past {@link #size()} yields fewer bytes, never an exception.
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

    /**
     * The runs of {@code [offset, offset + length)} (clipped to the source) that are not good, in order and not
     * overlapping: bytes below on unreadable image bytes, and bytes whose provenance this layer or one below it
     * doubts. Empty when every byte is good. A layer must carry up every run of the layers it reads from.
     */
    List<Damage> damageIn(long offset, long length);

    /** How many of the source's bytes are not good (what a reader of all of it cannot get). */
    default long damagedBytes() {
        return Damage.totalBytes(damageIn(0, size()));
    }

    /** True when every byte of {@code [offset, offset + length)} is good. */
    default boolean isGood(long offset, long length) {
        return damageIn(offset, length).isEmpty();
    }

    /**
     * Exactly {@code length} good bytes at {@code offset}: what metadata readers parse. Bytes that are
     * unreadable or of unknown provenance are never returned.
     *
     * @throws UnreadableBytesException naming the first bad run, when any byte is not good
     * @throws IOException when the source ends first or cannot be read
     */
    default byte[] readGood(long offset, int length) throws IOException {
        List<Damage> bad = damageIn(offset, length);
        if (!bad.isEmpty()) {
            throw new UnreadableBytesException("reading " + length + " bytes at offset " + offset, bad.get(0));
        }
        return readFully(offset, length);
    }

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
