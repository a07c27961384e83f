package io.qrescue.recovery.stack.md;

import java.util.ArrayList;
import java.util.List;

/** md RAID1 (raid1.c): every member holds the whole array at the same offsets. */
public final class Raid1Layout implements CopyLayout {

    private final int devices;
    private final long size;

    /** {@code devices} copies of an array of {@code sizeBytes}. */
    public Raid1Layout(int devices, long sizeBytes) {
        this.devices = devices;
        this.size = sizeBytes;
    }

    @Override
    public long arrayBytes() {
        return size;
    }

    @Override
    public int devices() {
        return devices;
    }

    @Override
    public long memberBytes(int device) {
        return size;
    }

    @Override
    public boolean completeWith(boolean[] present) {
        for (boolean p : present) {
            if (p) {
                return true;
            }
        }
        return false;
    }

    @Override
    public int redundancy() {
        return devices - 1;
    }

    @Override
    public String describe() {
        return "RAID1, " + devices + " copies";
    }

    @Override
    public Copies locate(long arrayOffset, long maxLength) {
        int[] devs = new int[devices];
        long[] offsets = new long[devices];
        for (int d = 0; d < devices; d++) {
            devs[d] = d;
            offsets[d] = arrayOffset;
        }
        return new Copies(Math.min(maxLength, size - arrayOffset), devs, offsets);
    }

    @Override
    public long[] memberSpan(int device, long arrayOffset, long length) {
        long e = Math.min(size, arrayOffset + length);
        return arrayOffset < e ? new long[] {arrayOffset, e} : null;
    }

    @Override
    public List<MemberUse> reverse(int device, long memberOffset, long length) {
        List<MemberUse> out = new ArrayList<>();
        long s = Math.max(0, memberOffset);
        long e = memberOffset + length;
        long held = Math.min(e, size);
        if (s < held) {
            out.add(new MemberUse(s, held - s, MemberUse.Kind.DATA, List.of(new MemberUse.ArrayRange(s, held - s))));
        }
        long u = Math.max(s, size);
        if (u < e) {
            out.add(new MemberUse(u, e - u, MemberUse.Kind.UNUSED, List.of()));
        }
        return out;
    }
}
