package io.qrescue.recovery.stack.md;

import java.util.ArrayList;
import java.util.List;

/**
 * md linear (md-linear.c): the members one after the other in role order, each member's size rounded down to
 * the "rounding" (the chunk size) when one is set.
 */
public final class LinearLayout implements CopyLayout {

    private final long[] starts;
    private final long[] sizes;
    private final long arrayBytes;
    private final long roundingBytes;

    /** Members of {@code memberBytes} each (role order), rounded down to {@code roundingBytes} when it is above 0. */
    public LinearLayout(long[] memberBytes, long roundingBytes) {
        this.roundingBytes = roundingBytes;
        sizes = new long[memberBytes.length];
        starts = new long[memberBytes.length];
        long at = 0;
        for (int i = 0; i < memberBytes.length; i++) {
            sizes[i] = roundingBytes > 0 ? memberBytes[i] / roundingBytes * roundingBytes : memberBytes[i];
            starts[i] = at;
            at += sizes[i];
        }
        arrayBytes = at;
    }

    @Override
    public long arrayBytes() {
        return arrayBytes;
    }

    @Override
    public int devices() {
        return sizes.length;
    }

    @Override
    public long memberBytes(int device) {
        return sizes[device];
    }

    @Override
    public boolean completeWith(boolean[] present) {
        for (boolean p : present) {
            if (!p) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int redundancy() {
        return 0;
    }

    @Override
    public String describe() {
        return "linear, " + sizes.length + " devices" + (roundingBytes > 0 ? ", " + roundingBytes / 1024 + " KiB rounding"
                : "");
    }

    @Override
    public Copies locate(long arrayOffset, long maxLength) {
        int d = deviceAt(arrayOffset);
        long in = arrayOffset - starts[d];
        return new Copies(Math.min(maxLength, sizes[d] - in), new int[] {d}, new long[] {in});
    }

    /** The last device starting at or before {@code arrayOffset} (empty devices share the next one's start). */
    private int deviceAt(long arrayOffset) {
        int lo = 0;
        int hi = starts.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (starts[mid] <= arrayOffset) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    @Override
    public long[] memberSpan(int device, long arrayOffset, long length) {
        long s = Math.max(arrayOffset, starts[device]);
        long e = Math.min(arrayOffset + length, starts[device] + sizes[device]);
        return s < e ? new long[] {s - starts[device], e - starts[device]} : null;
    }

    @Override
    public List<MemberUse> reverse(int device, long memberOffset, long length) {
        List<MemberUse> out = new ArrayList<>();
        long s = Math.max(0, memberOffset);
        long e = memberOffset + length;
        long held = Math.min(e, sizes[device]);
        if (s < held) {
            out.add(new MemberUse(s, held - s, MemberUse.Kind.DATA,
                    List.of(new MemberUse.ArrayRange(starts[device] + s, held - s))));
        }
        if (Math.max(s, sizes[device]) < e) {
            long u = Math.max(s, sizes[device]);
            out.add(new MemberUse(u, e - u, MemberUse.Kind.UNUSED, List.of()));
        }
        return out;
    }
}
