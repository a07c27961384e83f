package io.qrescue.imager.output;

import io.qrescue.imager.device.Alignment;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * An output image over a {@link RawImage} that takes only whole sectors (ddrescue -D): every transfer goes
 * through a page-aligned bounce buffer widened to sector boundaries; partly written edge sectors are first read
 * back (read-modify-write) so the bytes around a write keep their content, and a write that the widening carried
 * past the end of the file is cut back to the size an unaligned write would have given.
 */
public final class SectorAlignedImage implements OutputImage {

    private final RawImage raw;
    private final int sectorSize;
    private ByteBuffer bounce;

    /** @param sectorSize the alignment the raw file needs; 4096 suits any Linux file system and disk */
    public SectorAlignedImage(RawImage raw, int sectorSize) {
        if (sectorSize < 1 || Alignment.PAGE_SIZE % sectorSize != 0) {
            throw new IllegalArgumentException("sector size must divide the page size: " + sectorSize);
        }
        this.raw = raw;
        this.sectorSize = sectorSize;
        this.bounce = Alignment.allocateAligned(64 << 10, Alignment.PAGE_SIZE);
    }

    @Override
    public void write(long pos, ByteBuffer src) throws IOException {
        int size = src.remaining();
        if (size == 0) {
            return;
        }
        if (pos % sectorSize == 0 && size % sectorSize == 0 && src.isDirect()
                && src.alignmentOffset(src.position(), Alignment.PAGE_SIZE) == 0) {
            raw.writeAt(pos, src); // whole sectors from an aligned buffer: no bounce, no copy
            return;
        }
        Alignment.Span span = Alignment.widen(pos, size, sectorSize);
        ByteBuffer buf = bounce(span.length());
        long oldSize = raw.size();
        if (span.pre() > 0) {
            readSector(span.pos(), buf, 0);
        }
        long lastSector = span.end() - sectorSize;
        if (span.end() > pos + size && (lastSector > span.pos() || span.pre() == 0)) {
            readSector(lastSector, buf, (int) (lastSector - span.pos()));
        }
        buf.clear().position(span.pre());
        buf.put(src);
        buf.clear().limit(span.length());
        raw.writeAt(span.pos(), buf);
        long wantedSize = Math.max(oldSize, pos + size);
        if (span.end() > wantedSize) {
            raw.truncate(wantedSize);
        }
    }

    /** Fills {@code buf[offset, offset + sectorSize)} with the sector at {@code pos}, zeros past end of file. */
    private void readSector(long pos, ByteBuffer buf, int offset) throws IOException {
        ByteBuffer sector = buf.clear().position(offset).limit(offset + sectorSize).slice();
        int n = raw.readAt(pos, sector);
        for (int i = n; i < sectorSize; i++) {
            sector.put(i, (byte) 0);
        }
    }

    @Override
    public int read(long pos, ByteBuffer dst) throws IOException {
        int size = dst.remaining();
        if (size == 0) {
            return 0;
        }
        Alignment.Span span = Alignment.widen(pos, size, sectorSize);
        ByteBuffer buf = bounce(span.length());
        int n = raw.readAt(span.pos(), buf.clear().limit(span.length()));
        int copied = Math.max(0, Math.min(size, n - span.pre()));
        dst.put(buf.clear().position(span.pre()).limit(span.pre() + copied));
        return copied;
    }

    private ByteBuffer bounce(int length) {
        if (bounce.capacity() < length) {
            bounce = Alignment.allocateAligned((int) Alignment.alignUp(length, Alignment.PAGE_SIZE),
                    Alignment.PAGE_SIZE);
        }
        return bounce.clear().limit(length);
    }

    @Override
    public long size() throws IOException {
        return raw.size();
    }

    @Override
    public void truncate(long size) throws IOException {
        raw.truncate(size);
    }

    @Override
    public void sync() throws IOException {
        raw.sync();
    }

    @Override
    public void close() throws IOException {
        raw.close();
    }
}
