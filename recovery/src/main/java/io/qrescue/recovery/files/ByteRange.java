package io.qrescue.recovery.files;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** {@code lengthBytes} bytes starting at {@code offsetBytes}, of a volume or of a file (the holder says which). */
public record ByteRange(long offsetBytes, long lengthBytes) {

    public ByteRange {
        if (offsetBytes < 0 || lengthBytes <= 0) {
            throw new IllegalArgumentException("bad byte range " + offsetBytes + "+" + lengthBytes);
        }
    }

    public long endBytes() {
        return offsetBytes + lengthBytes;
    }

    /** The part inside {@code [from, to)}, or null when they do not meet. */
    public ByteRange clip(long from, long to) {
        long s = Math.max(from, offsetBytes);
        long e = Math.min(to, endBytes());
        return s < e ? new ByteRange(s, e - s) : null;
    }

    /** {@code ranges} sorted, with overlapping and touching ranges joined. */
    public static List<ByteRange> merged(List<ByteRange> ranges) {
        List<ByteRange> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparingLong(ByteRange::offsetBytes));
        List<ByteRange> out = new ArrayList<>();
        for (ByteRange r : sorted) {
            if (!out.isEmpty() && out.get(out.size() - 1).endBytes() >= r.offsetBytes()) {
                ByteRange last = out.remove(out.size() - 1);
                out.add(new ByteRange(last.offsetBytes(), Math.max(last.endBytes(), r.endBytes()) - last.offsetBytes()));
            } else {
                out.add(r);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return offsetBytes + "+" + lengthBytes;
    }
}
