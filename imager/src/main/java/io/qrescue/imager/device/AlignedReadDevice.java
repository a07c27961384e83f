package io.qrescue.imager.device;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Widens every read to whole sectors, as ddrescue does for direct input ({@code -d}, spec 2.2): the request
 * {@code [pos, end)} is read as {@code [pos - pos % sector, end rounded up to a sector)} and only the requested
 * bytes are returned. The only case where ddrescue reads outside the rescue domain. A request that is whole
 * sectors already goes to the device as it is, into the caller's buffer.
 */
public final class AlignedReadDevice extends ForwardingDevice {

    // A read abandoned by a deadline may still be filling its buffer on another thread: each read checks
    // the spare buffer out and a finished read gives it back, so two reads never share one.
    private final AtomicReference<ByteBuffer> spare = new AtomicReference<>(ByteBuffer.allocate(0));

    public AlignedReadDevice(BlockDevice base) {
        super(base);
    }

    @Override
    public ReadOutcome read(long pos, ByteBuffer dst) {
        int size = dst.remaining();
        int sectorSize = base.sectorSize();
        if (pos % sectorSize == 0 && size % sectorSize == 0) {
            return base.read(pos, dst);
        }
        Alignment.Span span = Alignment.widen(pos, size, sectorSize);
        int pre = span.pre();
        ByteBuffer widened = spare.getAndSet(null);
        if (widened == null || widened.capacity() < span.length()) {
            widened = ByteBuffer.allocate(span.length());
        }
        widened.clear().limit(span.length());
        ReadOutcome outcome = base.read(span.pos(), widened);
        int copied = Math.min(size, Math.max(0, outcome.copiedBytes() - pre));
        if (copied > 0) {
            dst.put(widened.flip().position(pre).limit(pre + copied));
        }
        spare.set(widened);
        int failed = outcome.hasError() ? size - copied : 0;
        return new ReadOutcome(copied, failed, failed > 0 ? outcome.error() : ReadError.NONE, outcome.durationNanos());
    }
}
