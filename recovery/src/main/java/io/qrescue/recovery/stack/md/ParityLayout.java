package io.qrescue.recovery.stack.md;

import java.util.ArrayList;
import java.util.List;

/**
 * md RAID4, RAID5 and RAID6 (raid5.c, raid5_compute_sector): the array is cut in chunks; stripe {@code s} holds
 * data chunks {@code s·k .. s·k + k - 1} (k data members) at member offset {@code s·chunk} on each member, plus
 * P (and Q) on the members the algorithm (md's layout value) picks. Q is the RAID6 syndrome over GF(2^8): each data
 * member of a stripe has a syndrome slot (its power of the generator), counted from the member after Q for md's
 * own layouts and from member 0 (P and Q positions included) for the DDF layouts.
 */
public final class ParityLayout implements MdLayout {

    public static final int LEFT_ASYMMETRIC = 0;
    public static final int RIGHT_ASYMMETRIC = 1;
    public static final int LEFT_SYMMETRIC = 2;
    public static final int RIGHT_SYMMETRIC = 3;
    public static final int PARITY_0 = 4;
    public static final int PARITY_N = 5;
    public static final int ROTATING_ZERO_RESTART = 8;
    public static final int ROTATING_N_RESTART = 9;
    public static final int ROTATING_N_CONTINUE = 10;
    public static final int LEFT_ASYMMETRIC_6 = 16;
    public static final int RIGHT_ASYMMETRIC_6 = 17;
    public static final int LEFT_SYMMETRIC_6 = 18;
    public static final int RIGHT_SYMMETRIC_6 = 19;
    public static final int PARITY_0_6 = 20;

    /**
     * Who is who in one stripe: {@code data[i]} the member of data chunk i, {@code p} and {@code q} the parity
     * members (q is -1 below RAID6), {@code slot[member]} the Q syndrome slot of a data member (-1 for P and Q),
     * and {@code dataIndex[member]} the data chunk index of a member (-1 for P, -2 for Q).
     */
    public record Stripe(int[] data, int p, int q, int[] slot, int[] dataIndex) {
    }

    private final int level;
    private final int algorithm;
    private final int n;
    private final int dataDisks;
    private final long chunk;
    private final long devBytes;
    private final long stripes;
    private final Stripe[] patterns;

    /**
     * RAID {@code level} (4, 5 or 6) over {@code devices} members, md layout {@code algorithm}, {@code chunkBytes}
     * chunks, {@code devSizeBytes} of each member used (the superblock's size; cut to whole chunks as raid5_size
     * does).
     */
    public ParityLayout(int level, int algorithm, int devices, long chunkBytes, long devSizeBytes) {
        if (level != 4 && level != 5 && level != 6) {
            throw new IllegalArgumentException("RAID level " + level + " has no parity layout");
        }
        int parity = level == 6 ? 2 : 1;
        if (devices < parity + 1) {
            throw new IllegalArgumentException("RAID" + level + " needs more than " + parity + " devices: " + devices);
        }
        if (chunkBytes <= 0 || chunkBytes % 512 != 0) {
            throw new IllegalArgumentException("RAID" + level + " chunk size " + chunkBytes);
        }
        if (level == 5 && !(algorithm >= 0 && algorithm <= 5)
                || level == 6 && !(algorithm >= 0 && algorithm <= 5 || algorithm >= 8 && algorithm <= 10
                || algorithm >= 16 && algorithm <= 20)) {
            throw new IllegalArgumentException("RAID" + level + " layout " + algorithm + " is not one md knows");
        }
        this.level = level;
        this.algorithm = level == 4 ? PARITY_N : algorithm;
        this.n = devices;
        this.dataDisks = devices - parity;
        this.chunk = chunkBytes;
        this.stripes = devSizeBytes / chunkBytes;
        this.devBytes = stripes * chunkBytes;
        int period = n * Math.max(1, n - 1);
        patterns = new Stripe[period];
        for (int s = 0; s < period; s++) {
            patterns[s] = compute(s);
        }
    }

    public int level() {
        return level;
    }

    /** md's layout value (RAID4: parity-last). */
    public int algorithm() {
        return algorithm;
    }

    public long chunkBytes() {
        return chunk;
    }

    /** Data chunks per stripe. */
    public int dataDisks() {
        return dataDisks;
    }

    /** 1 (P) or 2 (P and Q). */
    public int parityDisks() {
        return n - dataDisks;
    }

    /** Stripes on each member. */
    public long stripes() {
        return stripes;
    }

    /** True for the DDF layouts (Q syndrome slots numbered from member 0). */
    public boolean ddf() {
        return algorithm >= ROTATING_ZERO_RESTART && algorithm <= ROTATING_N_CONTINUE && level == 6;
    }

    /** Who holds what in stripe {@code s}. */
    public Stripe stripe(long s) {
        return patterns[(int) (s % patterns.length)];
    }

    @Override
    public long arrayBytes() {
        return stripes * chunk * dataDisks;
    }

    @Override
    public int devices() {
        return n;
    }

    @Override
    public long memberBytes(int device) {
        return devBytes;
    }

    @Override
    public boolean completeWith(boolean[] present) {
        int missing = 0;
        for (boolean p : present) {
            missing += p ? 0 : 1;
        }
        return missing <= parityDisks();
    }

    @Override
    public int redundancy() {
        return parityDisks();
    }

    @Override
    public String describe() {
        return "RAID" + level + (level == 4 ? "" : " " + algorithmName(algorithm)) + ", " + n + " devices, "
                + chunk / 1024 + " KiB chunks";
    }

    /** mdadm's name of a layout value. */
    public static String algorithmName(int algorithm) {
        return switch (algorithm) {
            case LEFT_ASYMMETRIC -> "left-asymmetric";
            case RIGHT_ASYMMETRIC -> "right-asymmetric";
            case LEFT_SYMMETRIC -> "left-symmetric";
            case RIGHT_SYMMETRIC -> "right-symmetric";
            case PARITY_0 -> "parity-first";
            case PARITY_N -> "parity-last";
            case ROTATING_ZERO_RESTART -> "ddf-zero-restart";
            case ROTATING_N_RESTART -> "ddf-N-restart";
            case ROTATING_N_CONTINUE -> "ddf-N-continue";
            case LEFT_ASYMMETRIC_6 -> "left-asymmetric-6";
            case RIGHT_ASYMMETRIC_6 -> "right-asymmetric-6";
            case LEFT_SYMMETRIC_6 -> "left-symmetric-6";
            case RIGHT_SYMMETRIC_6 -> "right-symmetric-6";
            case PARITY_0_6 -> "parity-first-6";
            default -> "layout " + algorithm;
        };
    }

    private Stripe compute(long s) {
        int[] data = new int[dataDisks];
        int p;
        int q = -1;
        if (level == 4) {
            p = dataDisks;
            for (int i = 0; i < dataDisks; i++) {
                data[i] = i;
            }
        } else if (level == 5) {
            switch (algorithm) {
                case LEFT_ASYMMETRIC, RIGHT_ASYMMETRIC -> {
                    p = algorithm == LEFT_ASYMMETRIC ? dataDisks - (int) (s % n) : (int) (s % n);
                    for (int i = 0; i < dataDisks; i++) {
                        data[i] = i >= p ? i + 1 : i;
                    }
                }
                case LEFT_SYMMETRIC, RIGHT_SYMMETRIC -> {
                    p = algorithm == LEFT_SYMMETRIC ? dataDisks - (int) (s % n) : (int) (s % n);
                    for (int i = 0; i < dataDisks; i++) {
                        data[i] = (p + 1 + i) % n;
                    }
                }
                case PARITY_0 -> {
                    p = 0;
                    for (int i = 0; i < dataDisks; i++) {
                        data[i] = i + 1;
                    }
                }
                default -> {
                    p = dataDisks;
                    for (int i = 0; i < dataDisks; i++) {
                        data[i] = i;
                    }
                }
            }
        } else {
            switch (algorithm) {
                case LEFT_ASYMMETRIC, RIGHT_ASYMMETRIC, ROTATING_ZERO_RESTART, ROTATING_N_RESTART -> {
                    p = switch (algorithm) {
                        case LEFT_ASYMMETRIC -> n - 1 - (int) (s % n);
                        case ROTATING_N_RESTART -> n - 1 - (int) ((s + 1) % n);
                        default -> (int) (s % n);
                    };
                    q = p + 1;
                    if (p == n - 1) {
                        q = 0;
                        for (int i = 0; i < dataDisks; i++) {
                            data[i] = i + 1;
                        }
                    } else {
                        for (int i = 0; i < dataDisks; i++) {
                            data[i] = i >= p ? i + 2 : i;
                        }
                    }
                }
                case LEFT_SYMMETRIC, RIGHT_SYMMETRIC -> {
                    p = algorithm == LEFT_SYMMETRIC ? n - 1 - (int) (s % n) : (int) (s % n);
                    q = (p + 1) % n;
                    for (int i = 0; i < dataDisks; i++) {
                        data[i] = (p + 2 + i) % n;
                    }
                }
                case PARITY_0 -> {
                    p = 0;
                    q = 1;
                    for (int i = 0; i < dataDisks; i++) {
                        data[i] = i + 2;
                    }
                }
                case PARITY_N -> {
                    p = dataDisks;
                    q = dataDisks + 1;
                    for (int i = 0; i < dataDisks; i++) {
                        data[i] = i;
                    }
                }
                case ROTATING_N_CONTINUE -> {
                    p = n - 1 - (int) (s % n);
                    q = (p + n - 1) % n;
                    for (int i = 0; i < dataDisks; i++) {
                        data[i] = (p + 1 + i) % n;
                    }
                }
                case LEFT_ASYMMETRIC_6, RIGHT_ASYMMETRIC_6 -> {
                    p = algorithm == LEFT_ASYMMETRIC_6 ? dataDisks - (int) (s % (n - 1)) : (int) (s % (n - 1));
                    q = n - 1;
                    for (int i = 0; i < dataDisks; i++) {
                        data[i] = i >= p ? i + 1 : i;
                    }
                }
                case LEFT_SYMMETRIC_6, RIGHT_SYMMETRIC_6 -> {
                    p = algorithm == LEFT_SYMMETRIC_6 ? dataDisks - (int) (s % (n - 1)) : (int) (s % (n - 1));
                    q = n - 1;
                    for (int i = 0; i < dataDisks; i++) {
                        data[i] = (p + 1 + i) % (n - 1);
                    }
                }
                default -> { // PARITY_0_6
                    p = 0;
                    q = n - 1;
                    for (int i = 0; i < dataDisks; i++) {
                        data[i] = i + 1;
                    }
                }
            }
        }
        int[] dataIndex = new int[n];
        for (int d = 0; d < n; d++) {
            dataIndex[d] = d == p ? -1 : -2;
        }
        for (int i = 0; i < dataDisks; i++) {
            dataIndex[data[i]] = i;
        }
        int[] slot = new int[n];
        java.util.Arrays.fill(slot, -1);
        if (level == 6) {
            // raid6_d0 and raid6_idx_to_slot: md layouts count data members from the one after Q, DDF ones
            // number every position from member 0
            int d0 = ddf() || q == n - 1 ? 0 : q + 1;
            int count = 0;
            for (int k = 0; k < n; k++) {
                int idx = (d0 + k) % n;
                if (ddf()) {
                    if (idx != p && idx != q) {
                        slot[idx] = k;
                    }
                } else if (idx != p && idx != q) {
                    slot[idx] = count++;
                }
            }
        }
        return new Stripe(data, p, q, slot, dataIndex);
    }

    /** Syndrome slots in use: data members for md's layouts, every member for the DDF ones. */
    public int syndromeSlots() {
        return ddf() ? n : dataDisks;
    }

    @Override
    public List<MemberRange> forward(long arrayOffset, long length) {
        List<MemberRange> out = new ArrayList<>();
        long end = Math.min(arrayBytes(), arrayOffset + length);
        long stripeBytes = chunk * dataDisks;
        for (long pos = Math.max(0, arrayOffset); pos < end; ) {
            long s = pos / stripeBytes;
            long stripeEnd = Math.min(end, (s + 1) * stripeBytes);
            Stripe st = stripe(s);
            long rowLo = Long.MAX_VALUE;
            long rowHi = Long.MIN_VALUE;
            for (long at = pos; at < stripeEnd; ) {
                long chunkNo = at / chunk;
                long within = at % chunk;
                long len = Math.min(stripeEnd - at, chunk - within);
                int dev = st.data()[(int) (chunkNo % dataDisks)];
                out.add(new MemberRange(dev, s * chunk + within, len, MemberUse.Kind.DATA));
                rowLo = Math.min(rowLo, within);
                rowHi = Math.max(rowHi, within + len);
                at += len;
            }
            out.add(new MemberRange(st.p(), s * chunk + rowLo, rowHi - rowLo, MemberUse.Kind.PARITY));
            if (st.q() >= 0) {
                out.add(new MemberRange(st.q(), s * chunk + rowLo, rowHi - rowLo, MemberUse.Kind.PARITY));
            }
            pos = stripeEnd;
        }
        return out;
    }

    @Override
    public List<MemberUse> reverse(int device, long memberOffset, long length) {
        List<MemberUse> out = new ArrayList<>();
        long end = memberOffset + length;
        for (long pos = Math.max(0, memberOffset); pos < end; ) {
            if (pos >= devBytes) {
                out.add(new MemberUse(pos, end - pos, MemberUse.Kind.UNUSED, List.of()));
                break;
            }
            long s = pos / chunk;
            long within = pos % chunk;
            long len = Math.min(end - pos, chunk - within);
            Stripe st = stripe(s);
            int i = st.dataIndex()[device];
            if (i >= 0) {
                out.add(new MemberUse(pos, len, MemberUse.Kind.DATA, List.of(new MemberUse.ArrayRange(
                        (s * dataDisks + i) * chunk + within, len))));
            } else {
                List<MemberUse.ArrayRange> row = new ArrayList<>();
                for (int k = 0; k < dataDisks; k++) {
                    row.add(new MemberUse.ArrayRange((s * dataDisks + k) * chunk + within, len));
                }
                out.add(new MemberUse(pos, len, MemberUse.Kind.PARITY, row));
            }
            pos += len;
        }
        return out;
    }
}
