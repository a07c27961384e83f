package io.qrescue.imager.testing;

import io.qrescue.imager.output.MemoryOutputImage;
import io.qrescue.imager.output.OutputImage;
import io.qrescue.mapfile.Block;
import java.io.IOException;
import java.nio.ByteBuffer;

/** A memory image whose writes fail (writing nothing) when they touch one range of positions, like a bad disk. */
public final class FailingOutputImage implements OutputImage {

    private final MemoryOutputImage image = new MemoryOutputImage();
    private final Block unwritable;
    private int failedWrites;

    public FailingOutputImage(Block unwritable) {
        this.unwritable = unwritable;
    }

    @Override
    public void write(long pos, ByteBuffer src) throws IOException {
        if (new Block(pos, src.remaining()).overlaps(unwritable)) {
            failedWrites++;
            throw new IOException("Input/output error");
        }
        image.write(pos, src);
    }

    @Override
    public int read(long pos, ByteBuffer dst) {
        return image.read(pos, dst);
    }

    @Override
    public long size() {
        return image.size();
    }

    @Override
    public void truncate(long size) {
        image.truncate(size);
    }

    @Override
    public void sync() {
    }

    @Override
    public void close() {
    }

    public byte byteAt(long pos) {
        return image.byteAt(pos);
    }

    public int failedWrites() {
        return failedWrites;
    }
}
