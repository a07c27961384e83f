package io.qrescue.imager.rescue;

import io.qrescue.mapfile.BlockStatus;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The data written over each block in fill mode (ddrescue: Fillbook's iobuf): one cluster holding the first
 * bytes of the fill file, repeated to fill it. Every write takes the buffer from its start, so the pattern restarts
 * at each write, not at each absolute position. With location data, each sector of a write gets a text line
 * naming its position, sector and status, stamped into the buffer itself as ddrescue does.
 */
final class FillBuffer {

    /** ddrescue gives each location text at most 80 bytes of the buffer, terminator included. */
    private static final int LOCATION_FIELD = 80;

    private final byte[] bytes;

    private FillBuffer(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * @param data         the bytes read from the start of the fill file, at least one
     * @param clusterBytes the buffer size (ddrescue: softbs)
     */
    static FillBuffer repeating(byte[] data, int dataLength, int clusterBytes) {
        if (dataLength <= 0 || dataLength > clusterBytes) {
            throw new IllegalArgumentException("fill data of " + dataLength + " bytes for " + clusterBytes);
        }
        byte[] bytes = new byte[clusterBytes];
        for (int at = 0; at < clusterBytes; at += dataLength) {
            System.arraycopy(data, 0, bytes, at, Math.min(dataLength, clusterBytes - at));
        }
        return new FillBuffer(bytes);
    }

    /** The buffer as it stands; writes take {@code [0, size)}. */
    byte[] bytes() {
        return bytes;
    }

    int capacity() {
        return bytes.length;
    }

    /**
     * Writes the location text of each sector of the write {@code [pos, pos + size)} at its offset in the buffer.
     * Like C's snprintf into a field of {@code min(80, bytes left)}: a text that fits is followed by a space, a text
     * that does not is cut and ends with a NUL byte.
     */
    void stampLocations(long pos, int size, int sectorSize, BlockStatus status) {
        long end = pos + size;
        for (long at = pos; at < end; at += sectorSize) {
            int offset = (int) (at - pos);
            int field = (int) Math.min(LOCATION_FIELD, end - at);
            byte[] text = String.format("\n# position 0x%08X sector 0x%08X status %c", at, at / sectorSize,
                    status.symbol()).getBytes(StandardCharsets.US_ASCII);
            int copied = Math.min(text.length, field - 1);
            System.arraycopy(text, 0, bytes, offset, copied);
            bytes[offset + copied] = text.length < field ? (byte) ' ' : 0;
        }
    }

    @Override
    public String toString() {
        return "FillBuffer[" + bytes.length + " bytes, starts " + Arrays.toString(Arrays.copyOf(bytes, 8)) + "]";
    }
}
