package io.qrescue.imager.testing;

import io.qrescue.imager.device.BlockDevice;
import io.qrescue.imager.device.ReadOutcome;
import java.nio.ByteBuffer;

/**
 * A healthy device of any size whose bytes are a seeded function of their position, never zero, so an output
 * byte that is still zero was never written.
 */
public final class PatternDevice implements BlockDevice {

    private final long size;
    private final int sectorSize;
    private final long seed;

    public PatternDevice(long size, int sectorSize, long seed) {
        this.size = size;
        this.sectorSize = sectorSize;
        this.seed = seed;
    }

    /** The byte at {@code pos}. */
    public byte byteAt(long pos) {
        long z = (pos >>> 3) * 0x9E3779B97F4A7C15L + seed;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        byte b = (byte) (z >>> ((pos & 7) * 8));
        return b == 0 ? (byte) 0x5A : b;
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
        for (int i = 0; i < n; i++) {
            dst.put(byteAt(pos + i));
        }
        return ReadOutcome.copied(n, 0);
    }

    @Override
    public void close() {
    }
}
