package io.qrescue.imager.testing;

import io.qrescue.imager.device.BlockDevice;
import io.qrescue.imager.device.ReadOutcome;
import java.nio.ByteBuffer;

/** A healthy device of zeros, cheap to read: the data of test-mode runs that only compare maps and reads. */
public final class ZeroDevice implements BlockDevice {

    private static final byte[] ZEROS = new byte[1 << 16];

    private final long size;
    private final int sectorSize;

    public ZeroDevice(long size, int sectorSize) {
        this.size = size;
        this.sectorSize = sectorSize;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public int sectorSize() {
        return sectorSize;
    }

    @Override
    public ReadOutcome read(long pos, ByteBuffer dst) {
        int n = (int) Math.max(0, Math.min(dst.remaining(), size - pos));
        for (int left = n; left > 0; ) {
            int chunk = Math.min(left, ZEROS.length);
            dst.put(ZEROS, 0, chunk);
            left -= chunk;
        }
        return ReadOutcome.copied(n, 0);
    }

    @Override
    public void close() {
    }
}
