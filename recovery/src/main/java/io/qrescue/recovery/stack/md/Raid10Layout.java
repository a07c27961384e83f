package io.qrescue.recovery.stack.md;

import java.util.ArrayList;
import java.util.List;

/**
 * md RAID10 (raid10.c): the layout word holds near copies (bits 0-7), far copies (8-15), "offset" (bit 16: far
 * copies one stripe apart instead of a member fraction apart) and the far-set rule (bits 17-18). Chunks go round
 * the members in RAID0 fashion, each written {@code near} times on consecutive members; each such copy is
 * repeated {@code far} times further down, shifted by {@code near} members within its far set.
 */
public final class Raid10Layout implements CopyLayout {

    private final int n;
    private final int near;
    private final int far;
    private final boolean offset;
    private final int farSetSize;
    private final long chunk;
    private final long stride;
    private final long devBytes;
    private final long arrayBytes;

    /**
     * {@code devices} members, md layout word {@code layout}, {@code chunkBytes} chunks (a power of two) and
     * {@code devSizeBytes} per member (the superblock's size): sizes and the far-copy stride as calc_sectors()
     * computes them.
     */
    public Raid10Layout(int devices, int layout, long chunkBytes, long devSizeBytes) {
        n = devices;
        near = layout & 0xff;
        far = layout >> 8 & 0xff;
        offset = (layout & 1 << 16) != 0;
        if (layout >>> 19 != 0 || near < 1 || far < 1 || near * far > n || near * far < 2) {
            throw new IllegalArgumentException(String.format("RAID10 layout 0x%x on %d devices", layout, devices));
        }
        if (chunkBytes < 4096 || Long.bitCount(chunkBytes) != 1) {
            throw new IllegalArgumentException("RAID10 chunk size " + chunkBytes + " is not a power of two >= 4 KiB");
        }
        farSetSize = switch (layout >>> 17) {
            case 0 -> n;
            case 1 -> n / far;
            case 2 -> far * near;
            default -> throw new IllegalArgumentException(String.format("RAID10 far-set rule in layout 0x%x", layout));
        };
        if (farSetSize < 1) {
            throw new IllegalArgumentException(String.format("RAID10 layout 0x%x on %d devices", layout, devices));
        }
        chunk = chunkBytes;
        int copies = near * far;
        long size = devSizeBytes / chunk;
        size /= far;
        size *= n;
        size /= near;
        size *= copies;
        long devChunks = (size + n - 1) / n;
        devBytes = devChunks * chunk;
        stride = offset ? chunk : devChunks / far * chunk;
        arrayBytes = devChunks / far * n / near * chunk;
    }

    @Override
    public long arrayBytes() {
        return arrayBytes;
    }

    @Override
    public int devices() {
        return n;
    }

    @Override
    public long memberBytes(int device) {
        return devBytes;
    }

    /** Copies of every chunk (near × far). */
    public int copies() {
        return near * far;
    }

    @Override
    public boolean completeWith(boolean[] present) {
        long chunks = Math.min(arrayBytes / chunk, (long) n * far);
        for (long c = 0; c < chunks; c++) {
            Copies copies = locate(c * chunk, chunk);
            boolean any = false;
            for (int d : copies.devices()) {
                any |= present[d];
            }
            if (!any) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int redundancy() {
        return copies() - 1;
    }

    @Override
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (near > 1) {
            parts.add("near=" + near);
        }
        if (far > 1) {
            parts.add((offset ? "offset=" : "far=") + far);
        }
        String sets = farSetSize == n || far == 1 ? "" : ", far sets of " + farSetSize;
        return "RAID10 " + String.join(",", parts) + ", " + n + " devices, " + chunk / 1024 + " KiB chunks" + sets;
    }

    @Override
    public Copies locate(long arrayOffset, long maxLength) {
        long chunkNo = arrayOffset / chunk * near;
        long within = arrayOffset % chunk;
        long stripe = chunkNo / n;
        int dev = (int) (chunkNo % n);
        if (offset) {
            stripe *= far;
        }
        long base = stripe * chunk + within;
        int lastFarSetStart = (n / farSetSize - 1) * farSetSize;
        int lastFarSetSize = farSetSize + n % farSetSize;
        int[] devs = new int[near * far];
        long[] offsets = new long[near * far];
        int slot = 0;
        for (int k = 0; k < near; k++) {
            int d = dev;
            long s = base;
            devs[slot] = d;
            offsets[slot++] = s;
            for (int f = 1; f < far; f++) {
                int set = d / farSetSize;
                d += near;
                if (n % farSetSize != 0 && d > lastFarSetStart) {
                    d -= lastFarSetStart;
                    d %= lastFarSetSize;
                    d += lastFarSetStart;
                } else {
                    d %= farSetSize;
                    d += farSetSize * set;
                }
                s += stride;
                devs[slot] = d;
                offsets[slot++] = s;
            }
            dev++;
            if (dev >= n) {
                dev = 0;
                base += chunk;
            }
        }
        long length = Math.min(maxLength, Math.min(chunk - within, arrayBytes - arrayOffset));
        return new Copies(length, devs, offsets);
    }

    @Override
    public long[] memberSpan(int device, long arrayOffset, long length) {
        long stripeLo = arrayOffset / chunk * near / n;
        long stripeHi = ((arrayOffset + length + chunk - 1) / chunk * near + n - 1) / n + 1;
        long lo = offset ? stripeLo * far * chunk : stripeLo * chunk;
        long hi = offset ? (stripeHi + 1) * far * chunk : stripeHi * chunk + (far - 1) * stride + chunk;
        lo = Math.max(0, lo);
        hi = Math.min(devBytes, hi);
        return lo < hi ? new long[] {lo, hi} : null;
    }

    @Override
    public List<MemberUse> reverse(int device, long memberOffset, long length) {
        List<MemberUse> out = new ArrayList<>();
        long end = memberOffset + length;
        for (long pos = Math.max(0, memberOffset); pos < end; ) {
            long within = pos % chunk;
            long n1 = Math.min(end - pos, chunk - within);
            long virt = pos < devBytes ? virtualOf(device, pos) : -1;
            if (virt >= 0 && virt < arrayBytes && holds(virt, device, pos)) {
                out.add(new MemberUse(pos, n1, MemberUse.Kind.DATA, List.of(new MemberUse.ArrayRange(virt, n1))));
            } else {
                out.add(new MemberUse(pos, n1, MemberUse.Kind.UNUSED, List.of()));
            }
            pos += n1;
        }
        return merged(out);
    }

    private boolean holds(long arrayOffset, int device, long memberOffset) {
        Copies c = locate(arrayOffset, 1);
        for (int i = 0; i < c.devices().length; i++) {
            if (c.devices()[i] == device && c.memberOffsets()[i] == memberOffset) {
                return true;
            }
        }
        return false;
    }

    /** raid10_find_virt: the array offset whose copy is at {@code memberOffset} of {@code device}. */
    private long virtualOf(int device, long memberOffset) {
        int dev = device;
        int farSetStart = dev / farSetSize * farSetSize;
        int setSize = farSetSize;
        if (n % farSetSize != 0) {
            int lastStart = (n / farSetSize - 1) * farSetSize;
            if (dev >= lastStart) {
                setSize = farSetSize + n % farSetSize;
                farSetStart = lastStart;
            }
        }
        long within = memberOffset % chunk;
        long chunkNo;
        if (offset) {
            chunkNo = memberOffset / chunk;
            int fc = (int) (chunkNo % far);
            chunkNo /= far;
            dev -= fc * near;
            if (dev < farSetStart) {
                dev += setSize;
            }
        } else {
            long sector = memberOffset;
            while (sector >= stride) {
                sector -= stride;
                if (dev < near + farSetStart) {
                    dev += setSize - near;
                } else {
                    dev -= near;
                }
            }
            chunkNo = sector / chunk;
        }
        long vchunk = (chunkNo * n + dev) / near;
        return vchunk * chunk + within;
    }

    /** Adjacent pieces that continue each other (same kind, array bytes following on) as one. */
    private static List<MemberUse> merged(List<MemberUse> in) {
        List<MemberUse> out = new ArrayList<>();
        for (MemberUse u : in) {
            if (!out.isEmpty()) {
                MemberUse last = out.get(out.size() - 1);
                boolean joins = last.kind() == u.kind() && last.memberEnd() == u.memberOffset()
                        && (u.kind() == MemberUse.Kind.UNUSED || last.arrayRanges().get(0).end()
                        == u.arrayRanges().get(0).offset());
                if (joins) {
                    List<MemberUse.ArrayRange> r = u.kind() == MemberUse.Kind.UNUSED ? List.of()
                            : List.of(new MemberUse.ArrayRange(last.arrayRanges().get(0).offset(),
                            last.length() + u.length()));
                    out.set(out.size() - 1, new MemberUse(last.memberOffset(), last.length() + u.length(), u.kind(), r));
                    continue;
                }
            }
            out.add(u);
        }
        return out;
    }
}
