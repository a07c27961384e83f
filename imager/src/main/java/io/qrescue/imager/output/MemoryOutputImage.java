package io.qrescue.imager.output;

import java.nio.ByteBuffer;
import java.util.TreeMap;

/**
 * An output image in memory, stored as 64 KiB pages allocated on first write so a mostly empty image of
 * gigabytes costs little. Counts the bytes written, for tests of sparse writing.
 */
public final class MemoryOutputImage implements OutputImage {

    private static final int PAGE = 1 << 16;

    private final TreeMap<Long, byte[]> pages = new TreeMap<>();
    private long size;
    private long bytesWritten;

    @Override
    public void write(long pos, ByteBuffer src) {
        long at = pos;
        while (src.hasRemaining()) {
            byte[] page = pages.computeIfAbsent(at / PAGE, k -> new byte[PAGE]);
            int offset = (int) (at % PAGE);
            int n = Math.min(src.remaining(), PAGE - offset);
            src.get(page, offset, n);
            at += n;
            bytesWritten += n;
        }
        size = Math.max(size, at);
    }

    @Override
    public int read(long pos, ByteBuffer dst) {
        int n = (int) Math.max(0, Math.min(dst.remaining(), size - pos));
        for (int i = 0; i < n; i++) {
            dst.put(byteAt(pos + i));
        }
        return n;
    }

    /** The byte at {@code pos}; zero where nothing was written. */
    public byte byteAt(long pos) {
        byte[] page = pages.get(pos / PAGE);
        return page == null ? 0 : page[(int) (pos % PAGE)];
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public void truncate(long newSize) {
        if (newSize < size) {
            pages.tailMap((newSize + PAGE - 1) / PAGE, true).clear();
            byte[] last = pages.get(newSize / PAGE);
            if (last != null) {
                java.util.Arrays.fill(last, (int) (newSize % PAGE), PAGE, (byte) 0);
            }
        }
        size = newSize;
    }

    /** Total bytes passed to {@link #write}. */
    public long bytesWritten() {
        return bytesWritten;
    }

    @Override
    public void sync() {
    }

    @Override
    public void close() {
    }
}
