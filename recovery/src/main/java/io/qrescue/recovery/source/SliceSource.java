package io.qrescue.recovery.source;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** A window {@code [start, start + length)} of another source; the window is cut at the parent's end. */
final class SliceSource implements ImageSource {

    private final ImageSource parent;
    private final long start;
    private final long length;

    SliceSource(ImageSource parent, long start, long length) {
        if (start < 0 || length < 0) {
            throw new IllegalArgumentException("bad slice " + start + "+" + length);
        }
        this.parent = parent;
        this.start = start;
        this.length = Math.max(0, Math.min(length, parent.size() - start));
    }

    @Override
    public long size() {
        return length;
    }

    @Override
    public int read(long offset, ByteBuffer dst) throws IOException {
        if (offset < 0) {
            throw new IllegalArgumentException("negative offset " + offset);
        }
        if (offset >= length) {
            return 0;
        }
        int want = (int) Math.min(dst.remaining(), length - offset);
        ByteBuffer window = dst.slice(dst.position(), want);
        int n = parent.read(start + offset, window);
        dst.position(dst.position() + n);
        return n;
    }

    @Override
    public List<Damage> damageIn(long offset, long length) {
        long from = Math.max(0, offset);
        long to = Math.min(this.length, offset + Math.max(0, length));
        List<Damage> out = new ArrayList<>();
        if (from >= to) {
            return out;
        }
        for (Damage d : parent.damageIn(start + from, to - from)) {
            Damage c = d.clipped(start + from, start + to);
            if (c != null) {
                out.add(c.shifted(-start));
            }
        }
        return out;
    }
}
