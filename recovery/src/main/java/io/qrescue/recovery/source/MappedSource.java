package io.qrescue.recovery.source;

import io.qrescue.mapfile.BlockStatus;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A volume read through its {@link ExtentMap} from the source below (an LV on a PV, a thin volume on its pool's
 * data, a thin pool's tmeta): holes read as zeros, and so do extents reaching past the end of the source below
 * (a truncated image; those bytes are unreadable). Its damage is the damage below each extent, carried up to
 * volume offsets, plus {@code doubts}: the runs (in volume offsets) whose placement the metadata that built the
 * map could not vouch for, e.g. the range under an unreadable thin mapping node. Reads are positional and keep
 * no state, so threads may share one; closing it does not close the source below.
 */
public final class MappedSource implements ImageSource {

    private static final byte[] ZEROS = new byte[64 * 1024];

    private final ImageSource lower;
    private final ExtentMap map;
    private final List<Damage> doubts;

    /** {@code map} over {@code lower}, every placement trusted. */
    public MappedSource(ImageSource lower, ExtentMap map) {
        this(lower, map, List.of());
    }

    /** {@code map} over {@code lower}, with the volume runs {@code doubts} of unknown provenance. */
    public MappedSource(ImageSource lower, ExtentMap map, List<Damage> doubts) {
        this.lower = Objects.requireNonNull(lower, "lower");
        this.map = Objects.requireNonNull(map, "map");
        List<Damage> sorted = new ArrayList<>(doubts);
        sorted.sort(Comparator.comparingLong(Damage::offset));
        for (int i = 0; i < sorted.size(); i++) {
            Damage d = sorted.get(i);
            if (d.end() > map.logicalSize() || i > 0 && sorted.get(i - 1).end() > d.offset()) {
                throw new IllegalArgumentException("doubt " + d.offset() + "+" + d.length()
                        + " overlaps another or lies past the volume's end " + map.logicalSize());
            }
        }
        this.doubts = List.copyOf(sorted);
    }

    /** Volume bytes → bytes of {@link #lower()}. */
    public ExtentMap map() {
        return map;
    }

    /** The source the map points into (an image, an md array, a pool's data). */
    public ImageSource lower() {
        return lower;
    }

    /** The runs whose placement is in doubt, in volume order. */
    public List<Damage> doubts() {
        return doubts;
    }

    @Override
    public long size() {
        return map.logicalSize();
    }

    @Override
    public int read(long offset, ByteBuffer dst) throws IOException {
        if (offset < 0) {
            throw new IllegalArgumentException("negative offset " + offset);
        }
        if (offset >= size()) {
            return 0;
        }
        int want = (int) Math.min(dst.remaining(), size() - offset);
        for (Extent piece : map.lookup(offset, want)) {
            int length = (int) piece.length();
            if (piece.isHole()) {
                putZeros(dst, length);
                continue;
            }
            ByteBuffer window = dst.slice(dst.position(), length);
            int n = lower.read(piece.physicalStart(), window);
            dst.position(dst.position() + n);
            putZeros(dst, length - n); // the extent reaches past the end of the source below
        }
        return want;
    }

    /**
     * Doubts first: a run in doubt is reported as unknown even where the bytes below are also unreadable, since
     * whatever lies below is not known to be this volume's. Holes outside doubts are good (they read as zeros).
     */
    @Override
    public List<Damage> damageIn(long offset, long length) {
        long from = Math.max(0, offset);
        long to = Math.min(size(), offset + Math.max(0, length));
        List<Damage> out = new ArrayList<>();
        if (from >= to) {
            return out;
        }
        long cursor = from;
        for (int i = firstDoubtEndingAfter(from); i < doubts.size() && doubts.get(i).offset() < to; i++) {
            Damage clipped = doubts.get(i).clipped(from, to);
            addBelow(out, cursor, clipped.offset());
            out.add(clipped);
            cursor = clipped.end();
        }
        addBelow(out, cursor, to);
        return out;
    }

    private int firstDoubtEndingAfter(long pos) {
        int lo = 0;
        int hi = doubts.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (doubts.get(mid).end() <= pos) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The damage below the extents of volume bytes {@code [from, to)}, at volume offsets. */
    private void addBelow(List<Damage> out, long from, long to) {
        if (from >= to) {
            return;
        }
        for (Extent piece : map.lookup(from, to - from)) {
            if (piece.isHole()) {
                continue;
            }
            long delta = piece.logicalStart() - piece.physicalStart();
            long inLower = Math.max(0, Math.min(piece.length(), lower.size() - piece.physicalStart()));
            if (inLower > 0) {
                for (Damage d : lower.damageIn(piece.physicalStart(), inLower)) {
                    Damage c = d.clipped(piece.physicalStart(), piece.physicalStart() + inLower);
                    if (c != null) {
                        out.add(c.shifted(delta));
                    }
                }
            }
            if (inLower < piece.length()) {
                out.add(new Damage(piece.logicalStart() + inLower, piece.length() - inLower, DamageKind.UNREADABLE,
                        BlockStatus.NON_TRIED, null, "past the end of the source below"));
            }
        }
    }

    private static void putZeros(ByteBuffer dst, int length) {
        for (int left = length; left > 0; ) {
            int n = Math.min(left, ZEROS.length);
            dst.put(ZEROS, 0, n);
            left -= n;
        }
    }
}
