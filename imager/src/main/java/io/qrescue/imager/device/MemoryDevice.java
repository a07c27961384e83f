package io.qrescue.imager.device;

import java.nio.ByteBuffer;

/** A device whose content is a byte array: every read succeeds, reads past the end stop at end of file. */
public final class MemoryDevice implements BlockDevice {

    private final byte[] content;
    private final int sectorSize;

    public MemoryDevice(byte[] content, int sectorSize) {
        if (sectorSize < 1) {
            throw new IllegalArgumentException("sector size must be positive");
        }
        this.content = content;
        this.sectorSize = sectorSize;
    }

    @Override
    public long size() {
        return content.length;
    }

    @Override
    public int sectorSize() {
        return sectorSize;
    }

    @Override
    public ReadOutcome read(long pos, ByteBuffer dst) {
        if (pos >= content.length) {
            return ReadOutcome.copied(0, 0);
        }
        int n = (int) Math.min(dst.remaining(), content.length - pos);
        dst.put(content, (int) pos, n);
        return ReadOutcome.copied(n, 0);
    }

    @Override
    public void close() {
    }
}
