package io.qrescue.recovery.stack.md;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * md RAID0 (raid0.c): members rounded down to whole chunks; zone 0 stripes chunks over every member (role order)
 * up to the smallest one's size, each further zone over the members still larger, from where the previous zone
 * ended on them. Within a zone, the original layout (kernels before 3.14, and md's layout 1) picks the member of a
 * chunk from its chunk number in the whole array, the alternate layout (md's layout 2) from its number in the zone;
 * with one zone, or one member past zone 0, they are the same.
 */
public final class Raid0Layout implements CopyLayout {

    /** md's RAID0 layout values. */
    public static final int ORIGINAL = 1;
    public static final int ALTERNATE = 2;

    /** Array bytes {@code [arrayStart, arrayEnd)} striped over {@code devices}, from {@code devStart} on each. */
    private record Zone(long arrayStart, long arrayEnd, long devStart, int[] devices) {
        long stripeBytes(long chunk) {
            return chunk * devices.length;
        }

        int position(int device) {
            for (int k = 0; k < devices.length; k++) {
                if (devices[k] == device) {
                    return k;
                }
            }
            return -1;
        }
    }

    private final long chunk;
    private final boolean original;
    private final long[] sizes;
    private final Zone[] zones;
    private final long arrayBytes;

    /** Members of {@code memberBytes} each in role order, {@code chunkBytes} chunks, md layout {@code layout}. */
    public Raid0Layout(long[] memberBytes, long chunkBytes, int layout) {
        if (chunkBytes <= 0) {
            throw new IllegalArgumentException("RAID0 chunk size " + chunkBytes);
        }
        chunk = chunkBytes;
        sizes = new long[memberBytes.length];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = memberBytes[i] / chunk * chunk;
        }
        List<Zone> list = new ArrayList<>();
        long[] distinct = Arrays.stream(sizes).filter(s -> s > 0).distinct().sorted().toArray();
        long devStart = 0;
        long arrayAt = 0;
        for (long zoneEnd : distinct) {
            long from = devStart;
            int[] devs = java.util.stream.IntStream.range(0, sizes.length).filter(d -> sizes[d] > from).toArray();
            long bytes = (zoneEnd - devStart) * devs.length;
            list.add(new Zone(arrayAt, arrayAt + bytes, devStart, devs));
            arrayAt += bytes;
            devStart = zoneEnd;
        }
        zones = list.toArray(new Zone[0]);
        arrayBytes = arrayAt;
        original = zones.length < 2 || zones[1].devices().length < 2 || layout != ALTERNATE;
    }

    /** True when the zones past the first use the original layout (see the class comment). */
    public boolean originalLayout() {
        return original;
    }

    /** Number of zones (distinct member sizes). */
    public int zoneCount() {
        return zones.length;
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
        return "RAID0, " + sizes.length + " devices, " + chunk / 1024 + " KiB chunks" + (zones.length > 1
                ? ", " + zones.length + " zones (" + (original ? "original" : "alternate") + " layout)" : "");
    }

    private int zoneAt(long arrayOffset) {
        for (int z = 0; z < zones.length; z++) {
            if (arrayOffset < zones[z].arrayEnd()) {
                return z;
            }
        }
        throw new IllegalArgumentException("array offset " + arrayOffset + " past the array's end " + arrayBytes);
    }

    /** The zone position holding the {@code chunkInZone}-th chunk of zone {@code z}. */
    private int positionOf(Zone z, long chunkInZone) {
        int nb = z.devices().length;
        long first = original ? z.arrayStart() / chunk : 0;
        return (int) ((first + chunkInZone) % nb);
    }

    @Override
    public Copies locate(long arrayOffset, long maxLength) {
        Zone z = zones[zoneAt(arrayOffset)];
        long inZone = arrayOffset - z.arrayStart();
        long chunkInZone = inZone / chunk;
        long within = inZone % chunk;
        int nb = z.devices().length;
        int device = z.devices()[positionOf(z, chunkInZone)];
        long member = z.devStart() + chunkInZone / nb * chunk + within;
        long length = Math.min(maxLength, Math.min(chunk - within, z.arrayEnd() - arrayOffset));
        return new Copies(length, new int[] {device}, new long[] {member});
    }

    @Override
    public long[] memberSpan(int device, long arrayOffset, long length) {
        long lo = Long.MAX_VALUE;
        long hi = Long.MIN_VALUE;
        long end = arrayOffset + length;
        for (Zone z : zones) {
            long s = Math.max(arrayOffset, z.arrayStart());
            long e = Math.min(end, z.arrayEnd());
            if (s >= e || z.position(device) < 0) {
                continue;
            }
            long stripe = z.stripeBytes(chunk);
            lo = Math.min(lo, z.devStart() + (s - z.arrayStart()) / stripe * chunk);
            hi = Math.max(hi, z.devStart() + ((e - z.arrayStart()) + stripe - 1) / stripe * chunk);
        }
        return lo < hi ? new long[] {lo, hi} : null;
    }

    @Override
    public List<MemberUse> reverse(int device, long memberOffset, long length) {
        List<MemberUse> out = new ArrayList<>();
        long end = memberOffset + length;
        long pos = Math.max(0, memberOffset);
        while (pos < end) {
            Zone z = zoneOfMember(device, pos);
            if (z == null) {
                out.add(new MemberUse(pos, end - pos, MemberUse.Kind.UNUSED, List.of()));
                break;
            }
            int nb = z.devices().length;
            long rel = pos - z.devStart();
            long stripeNo = rel / chunk;
            long within = rel % chunk;
            int k = z.position(device);
            long first = original ? z.arrayStart() / chunk % nb : 0;
            long j = Math.floorMod(k - first, nb);
            long arrayOffset = z.arrayStart() + (stripeNo * nb + j) * chunk + within;
            long n = Math.min(end - pos, chunk - within);
            out.add(new MemberUse(pos, n, MemberUse.Kind.DATA, List.of(new MemberUse.ArrayRange(arrayOffset, n))));
            pos += n;
        }
        return out;
    }

    /** The zone holding byte {@code memberOffset} of {@code device}, or null past the device's used size. */
    private Zone zoneOfMember(int device, long memberOffset) {
        for (Zone z : zones) {
            long devEnd = z.devStart() + (z.arrayEnd() - z.arrayStart()) / z.devices().length;
            if (memberOffset >= z.devStart() && memberOffset < devEnd && z.position(device) >= 0) {
                return z;
            }
        }
        return null;
    }
}
