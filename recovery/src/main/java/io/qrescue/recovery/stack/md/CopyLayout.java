package io.qrescue.recovery.stack.md;

import java.util.ArrayList;
import java.util.List;

/**
 * A layout that stores every array byte as it is, on one member (linear, RAID0) or on several (RAID1, RAID10):
 * reading a byte means reading one of its copies, and nothing is computed.
 */
public sealed interface CopyLayout extends MdLayout permits LinearLayout, Raid0Layout, Raid1Layout, Raid10Layout {

    /**
     * The copies of the array bytes from {@code arrayOffset}: the longest run, at most {@code maxLength}, that lies
     * contiguously on every copy, with each copy's device and member offset (preferred copy first).
     */
    Copies locate(long arrayOffset, long maxLength);

    /**
     * A member range of {@code device} that contains every byte of its copies of array bytes
     * {@code [arrayOffset, +length)} (more is allowed), or null when the device holds none of them.
     */
    long[] memberSpan(int device, long arrayOffset, long length);

    /** {@code length} array bytes stored at {@code memberOffsets[i]} of {@code devices[i]}. */
    record Copies(long length, int[] devices, long[] memberOffsets) {
    }

    @Override
    default List<MemberRange> forward(long arrayOffset, long length) {
        List<MemberRange> out = new ArrayList<>();
        long end = Math.min(arrayBytes(), arrayOffset + length);
        for (long pos = Math.max(0, arrayOffset); pos < end; ) {
            Copies c = locate(pos, end - pos);
            for (int i = 0; i < c.devices().length; i++) {
                out.add(new MemberRange(c.devices()[i], c.memberOffsets()[i], c.length(), MemberUse.Kind.DATA));
            }
            pos += c.length();
        }
        return out;
    }
}
