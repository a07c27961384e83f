package io.qrescue.recovery.stack.md;

import io.qrescue.mapfile.BlockStatus;
import io.qrescue.recovery.source.Damage;
import io.qrescue.recovery.source.DamageKind;
import io.qrescue.recovery.source.ImageSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * An md array assembled from its members, as one source: each byte is read from the member that holds it, or,
 * where that member's bytes are not good (unreadable, of unknown provenance, or the member is missing), from
 * another copy (RAID1, RAID10) or rebuilt from the rest of its stripe (RAID4/5: P; RAID6: P and Q, any two lost).
 * {@link #damageIn} reports only what cannot be healed, as unreadable (or unknown) with its origin on one of the
 * failing members. It also maps both ways between array and member bytes and says which member bytes matter
 * ({@link #neededIn}): what rescuing the members needs. Reads keep no state between calls, so threads may share one.
 */
public final class MdArraySource implements ImageSource {

    /** Bytes handled at once per stripe when rebuilding (each member's share of a stripe row). */
    private static final int WINDOW = 256 * 1024;
    private static final byte[] ZEROS = new byte[64 * 1024];

    /**
     * The member in role {@code role}: its name, where its data area starts ({@code imageOffset} on scanned image
     * {@code imageIndex}), and its bytes as the array reads them.
     */
    public record Member(int role, String label, int imageIndex, long imageOffset, MemberData data) {
        public Member {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(data, "data");
        }
    }

    /** Member bytes {@code [imageOffset, +length)} of scanned image {@code imageIndex}, role {@code role}. */
    public record ImagePiece(int imageIndex, long imageOffset, long length, int role, MemberUse.Kind kind) {
    }

    /**
     * What became of bytes {@code [memberOffset, +length)} of a member: {@code kind} what they hold, {@code held} the
     * array bytes they hold (data; null for parity and unused bytes), {@code lost} the array bytes among those they
     * hold or protect that no member can give back, and {@code from} the roles the rest is read or rebuilt from
     * (the other copies or the other members of the stripe).
     */
    public record MemberFate(int role, long memberOffset, long length, MemberUse.Kind kind, MemberUse.ArrayRange held,
            List<MemberUse.ArrayRange> lost, List<Integer> from) {
        public MemberFate {
            lost = List.copyOf(lost);
            from = List.copyOf(from);
        }
    }

    private final String name;
    private final MdLayout layout;
    private final Member[] members;
    private final ThreadLocal<byte[][]> rows;

    /** The array {@code name} ("md1") of {@code layout} over {@code present} members (one per role at most). */
    public MdArraySource(String name, MdLayout layout, List<Member> present) {
        this.name = Objects.requireNonNull(name, "name");
        this.layout = Objects.requireNonNull(layout, "layout");
        this.members = new Member[layout.devices()];
        for (Member m : present) {
            if (m.role() < 0 || m.role() >= members.length || members[m.role()] != null) {
                throw new IllegalArgumentException("member " + m.label() + " in role " + m.role() + " of " + name);
            }
            members[m.role()] = m;
        }
        int devices = layout.devices();
        this.rows = ThreadLocal.withInitial(() -> new byte[devices + 2][]);
    }

    public String name() {
        return name;
    }

    public MdLayout layout() {
        return layout;
    }

    /** The member in {@code role}, or null when it is missing. */
    public Member member(int role) {
        return members[role];
    }

    /** The roles with no member. */
    public List<Integer> missingRoles() {
        List<Integer> out = new ArrayList<>();
        for (int r = 0; r < members.length; r++) {
            if (members[r] == null) {
                out.add(r);
            }
        }
        return out;
    }

    /** True when every array byte has a member that holds it or can rebuild it (no more roles missing than allowed). */
    public boolean complete() {
        boolean[] present = new boolean[members.length];
        for (int r = 0; r < present.length; r++) {
            present[r] = members[r] != null;
        }
        return layout.completeWith(present);
    }

    /** The member in {@code role} for messages: its label, or "role N (missing)". */
    public String roleName(int role) {
        return members[role] != null ? members[role].label() : "role " + role + " (missing)";
    }

    @Override
    public long size() {
        return layout.arrayBytes();
    }

    // ------------------------------------------------------------------------------------------------ reading

    @Override
    public int read(long offset, ByteBuffer dst) throws IOException {
        if (offset < 0) {
            throw new IllegalArgumentException("negative offset " + offset);
        }
        if (offset >= size()) {
            return 0;
        }
        int want = (int) Math.min(dst.remaining(), size() - offset);
        int start = dst.position();
        if (layout instanceof CopyLayout c) {
            readCopies(c, offset, dst, start, want);
        } else {
            readParity((ParityLayout) layout, offset, dst, start, want);
        }
        dst.position(start + want);
        return want;
    }

    private void readCopies(CopyLayout c, long offset, ByteBuffer dst, int start, int want) throws IOException {
        long end = offset + want;
        for (long pos = offset; pos < end; ) {
            CopyLayout.Copies cp = c.locate(pos, end - pos);
            int at = start + (int) (pos - offset);
            readCopy(cp, dst, at, (int) cp.length());
            pos += cp.length();
        }
    }

    /** One run of array bytes from its copies: a copy that is good throughout, else piece by piece. */
    private void readCopy(CopyLayout.Copies cp, ByteBuffer dst, int at, int length) throws IOException {
        int copies = cp.devices().length;
        BadRuns[] bad = new BadRuns[copies];
        for (int k = 0; k < copies; k++) {
            bad[k] = runs(cp.devices()[k], cp.memberOffsets()[k], length);
            if (members[cp.devices()[k]] != null && bad[k].isEmpty()) {
                readMember(cp.devices()[k], cp.memberOffsets()[k], dst, at, length);
                return;
            }
        }
        for (long x = 0; x < length; ) {
            long y = length;
            int good = -1;
            for (int k = 0; k < copies; k++) {
                long base = cp.memberOffsets()[k];
                y = Math.min(y, bad[k].nextEdgeAfter(base + x) - base);
                if (good < 0 && bad[k].at(base + x) == null) {
                    good = k;
                }
            }
            int pick = good >= 0 ? good : firstPresent(cp.devices());
            if (pick >= 0) {
                readMember(cp.devices()[pick], cp.memberOffsets()[pick] + x, dst, at + (int) x, (int) (y - x));
            } else {
                zero(dst, at + (int) x, (int) (y - x));
            }
            x = y;
        }
    }

    private int firstPresent(int[] devices) {
        for (int k = 0; k < devices.length; k++) {
            if (members[devices[k]] != null) {
                return k;
            }
        }
        return -1;
    }

    private void readParity(ParityLayout p, long offset, ByteBuffer dst, int start, int want) throws IOException {
        long stripeBytes = p.chunkBytes() * p.dataDisks();
        long end = offset + want;
        for (long pos = offset; pos < end; ) {
            long s = pos / stripeBytes;
            long stripeEnd = Math.min(end, (s + 1) * stripeBytes);
            readStripe(p, s, pos, stripeEnd, dst, start + (int) (pos - offset));
            pos = stripeEnd;
        }
    }

    /** Array bytes {@code [from, to)} of stripe {@code s}, into {@code dst} from {@code at}. */
    private void readStripe(ParityLayout p, long s, long from, long to, ByteBuffer dst, int at) throws IOException {
        long chunk = p.chunkBytes();
        long stripeStart = s * chunk * p.dataDisks();
        long firstChunk = (from - stripeStart) / chunk;
        long lastChunk = (to - 1 - stripeStart) / chunk;
        // the within-chunk offsets the request touches: one chunk's part, or whole rows
        long rowLo = firstChunk == lastChunk ? (from - stripeStart) % chunk : 0;
        long rowHi = firstChunk == lastChunk ? (to - 1 - stripeStart) % chunk + 1 : chunk;
        for (long a = rowLo; a < rowHi; a += WINDOW) {
            long b = Math.min(rowHi, a + WINDOW);
            readWindow(p, s, p.stripe(s), from, to, dst, at, a, b);
        }
    }

    /** The parts of array {@code [from, to)} in stripe {@code s} whose within-chunk offsets fall in {@code [a, b)}. */
    private void readWindow(ParityLayout p, long s, ParityLayout.Stripe st, long from, long to, ByteBuffer dst, int at,
            long a, long b) throws IOException {
        long chunk = p.chunkBytes();
        long stripeStart = s * chunk * p.dataDisks();
        long rowBase = s * chunk;
        List<long[]> parts = new ArrayList<>(); // {data index, x0, x1, dst position}
        for (int i = 0; i < p.dataDisks(); i++) {
            long cs = stripeStart + i * chunk;
            long x0 = Math.max(a, Math.max(from, cs) - cs);
            long x1 = Math.min(b, Math.min(to, cs + chunk) - cs);
            if (x0 < x1) {
                parts.add(new long[] {i, x0, x1, at + (cs + x0 - from)});
            }
        }
        if (parts.isEmpty()) {
            return;
        }
        BadRuns[] bad = new BadRuns[members.length];
        boolean anyBad = false;
        for (long[] part : parts) {
            int dev = st.data()[(int) part[0]];
            bad[dev] = runs(dev, rowBase + a, b - a);
            anyBad |= bad[dev].meets(rowBase + part[1], rowBase + part[2]);
        }
        if (!anyBad) {
            for (long[] part : parts) {
                readMember(st.data()[(int) part[0]], rowBase + part[1], dst, (int) part[3], (int) (part[2] - part[1]));
            }
            return;
        }
        int n = members.length;
        int len = (int) (b - a);
        byte[][] row = rowBuffers(len);
        for (int d = 0; d < n; d++) {
            if (bad[d] == null) {
                bad[d] = runs(d, rowBase + a, len);
            }
            ByteBuffer w = ByteBuffer.wrap(row[d], 0, len);
            if (members[d] != null) {
                readMember(d, rowBase + a, w, 0, len);
            } else {
                Arrays.fill(row[d], 0, len, (byte) 0);
            }
        }
        byte[] out = row[n];
        for (long[] part : parts) {
            int dev = st.data()[(int) part[0]];
            int x0 = (int) (part[1] - a);
            int x1 = (int) (part[2] - a);
            System.arraycopy(row[dev], x0, out, x0, x1 - x0);
            for (int x = x0; x < x1; ) {
                int y = x1;
                int badMask = 0;
                for (int d = 0; d < n; d++) {
                    long pos = rowBase + a + x;
                    y = (int) Math.min(y, bad[d].nextEdgeAfter(pos) - rowBase - a);
                    if (bad[d].at(pos) != null) {
                        badMask |= 1 << d;
                    }
                }
                if ((badMask & 1 << dev) != 0 && Integer.bitCount(badMask) <= p.parityDisks()) {
                    rebuild(p, st, dev, badMask, row, x, y - x, out);
                }
                x = y;
            }
            dst.put((int) part[3], out, x0, x1 - x0);
        }
    }

    /** Rebuilds data member {@code target} over {@code [x, x + len)} of the row into {@code out}. */
    private void rebuild(ParityLayout p, ParityLayout.Stripe st, int target, int badMask, byte[][] row, int x, int len,
            byte[] out) {
        int n = members.length;
        boolean pBad = (badMask & 1 << st.p()) != 0;
        boolean qBad = st.q() >= 0 && (badMask & 1 << st.q()) != 0;
        int otherData = -1;
        for (int d = 0; d < n; d++) {
            if (d != target && d != st.p() && d != st.q() && (badMask & 1 << d) != 0) {
                otherData = d;
            }
        }
        if (otherData < 0 && !pBad) {
            // D = P ^ the other data
            System.arraycopy(row[st.p()], x, out, x, len);
            for (int d = 0; d < n; d++) {
                if (d != target && d != st.p() && d != st.q()) {
                    Raid6.xor(row[d], x, out, x, len);
                }
            }
            return;
        }
        if (qBad || st.q() < 0) {
            return; // not rebuildable (the caller counted the bad members; cannot happen)
        }
        byte[] partial = row[n + 1];
        byte[][] bySlot = new byte[p.syndromeSlots()][];
        for (int d = 0; d < n; d++) {
            if (st.slot()[d] >= 0 && (badMask & 1 << d) == 0) {
                bySlot[st.slot()[d]] = row[d];
            }
        }
        // partial = Q ^ Q(of the good data) = Σ over bad data of g^slot · D
        Raid6.syndrome(bySlot, x, len, null, partial);
        Raid6.xor(row[st.q()], x, partial, x, len);
        int gt = Raid6.power(st.slot()[target]);
        if (otherData < 0) {
            // data and P lost: D = partial / g^slot
            Raid6.multiply(Raid6.inverse(gt), partial, x, out, x, len);
            return;
        }
        // two data lost, P and Q good: Pxy = P ^ good data; D_t = (g^u · Pxy ^ Qxy) / (g^t ^ g^u)
        int gu = Raid6.power(st.slot()[otherData]);
        System.arraycopy(row[st.p()], x, out, x, len);
        for (int d = 0; d < n; d++) {
            if (d != st.p() && d != st.q() && (badMask & 1 << d) == 0) {
                Raid6.xor(row[d], x, out, x, len);
            }
        }
        Raid6.multiplyXor(gu, out, x, partial, x, len);
        Raid6.multiply(Raid6.inverse(gt ^ gu), partial, x, out, x, len);
    }

    private byte[][] rowBuffers(int len) {
        byte[][] row = rows.get();
        for (int i = 0; i < row.length; i++) {
            if (row[i] == null || row[i].length < len) {
                row[i] = new byte[Math.max(len, WINDOW)];
            }
        }
        return row;
    }

    /** {@code length} bytes of member {@code role} at {@code memberOffset} into {@code dst} at {@code at}; zeros if missing. */
    private void readMember(int role, long memberOffset, ByteBuffer dst, int at, int length) throws IOException {
        Member m = members[role];
        if (m == null) {
            zero(dst, at, length);
            return;
        }
        ByteBuffer w = dst.slice(at, length);
        int n = m.data().read(memberOffset, w);
        if (n < length) {
            zero(dst, at + n, length - n);
        }
    }

    private static void zero(ByteBuffer dst, int at, int length) {
        for (int done = 0; done < length; ) {
            int n = Math.min(length - done, ZEROS.length);
            dst.put(at + done, ZEROS, 0, n);
            done += n;
        }
    }

    /** The bad runs of {@code role} over member {@code [offset, +length)}: all of it when the member is missing. */
    private BadRuns runs(int role, long offset, long length) {
        Member m = members[role];
        if (m == null) {
            return new BadRuns(List.of(missing(role, offset, length)));
        }
        List<Damage> d = m.data().damageIn(offset, length);
        long past = Math.max(offset, m.data().size());
        if (past < offset + length) {
            d = new ArrayList<>(d);
            d.add(new Damage(past, offset + length - past, DamageKind.UNREADABLE, BlockStatus.NON_TRIED, null,
                    "past the end of " + m.label()));
        }
        return d.isEmpty() ? BadRuns.NONE : new BadRuns(d);
    }

    private Damage missing(int role, long offset, long length) {
        return new Damage(offset, length, DamageKind.UNREADABLE, BlockStatus.NON_TRIED, null,
                "member in role " + role + " of " + name + " missing");
    }

    // ------------------------------------------------------------------------------------------------- damage

    /**
     * Array bytes of {@code [offset, offset + length)} that no member can give back: a run's kind, status and
     * origin are those of the failing member that holds the bytes (or, when that member is missing, of another
     * failing member in the same place).
     */
    @Override
    public List<Damage> damageIn(long offset, long length) {
        long from = Math.max(0, offset);
        long to = Math.min(size(), offset + Math.max(0, length));
        if (from >= to) {
            return new ArrayList<>();
        }
        List<Damage> out = layout instanceof ParityLayout p ? parityDamage(p, from, to)
                : copyDamage((CopyLayout) layout, from, to);
        out.sort(Comparator.comparingLong(Damage::offset));
        return merged(out);
    }

    private List<Damage> parityDamage(ParityLayout p, long from, long to) {
        List<Damage> out = new ArrayList<>();
        long chunk = p.chunkBytes();
        long stripeBytes = chunk * p.dataDisks();
        long m0 = from / stripeBytes * chunk;
        long m1 = ((to - 1) / stripeBytes + 1) * chunk;
        int n = members.length;
        BadRuns[] bad = new BadRuns[n];
        int damaged = 0;
        for (int d = 0; d < n; d++) {
            bad[d] = runs(d, m0, m1 - m0);
            damaged += bad[d].isEmpty() ? 0 : 1;
        }
        if (damaged <= p.parityDisks()) {
            return out;
        }
        for (long x = m0; x < m1; ) {
            long y = m1;
            int badMask = 0;
            for (int d = 0; d < n; d++) {
                y = Math.min(y, bad[d].nextEdgeAfter(x));
                if (bad[d].at(x) != null) {
                    badMask |= 1 << d;
                }
            }
            if (Integer.bitCount(badMask) > p.parityDisks()) {
                for (long s = x / chunk; s * chunk < y; s++) {
                    long rs = Math.max(x, s * chunk);
                    long re = Math.min(y, (s + 1) * chunk);
                    ParityLayout.Stripe st = p.stripe(s);
                    for (int d = 0; d < n; d++) {
                        int i = st.dataIndex()[d];
                        if ((badMask & 1 << d) == 0 || i < 0) {
                            continue;
                        }
                        long arrayAt = (s * p.dataDisks() + i) * chunk + (rs - s * chunk);
                        long as = Math.max(from, arrayAt);
                        long ae = Math.min(to, arrayAt + (re - rs));
                        if (as < ae) {
                            long m = rs + (as - arrayAt);
                            out.add(lostRun(d, bad[d].at(m), m, elsewhere(bad, badMask, m), badMask, as, ae - as));
                        }
                    }
                }
            }
            x = y;
        }
        return out;
    }

    /**
     * A lost run of {@code length} array bytes at {@code arrayOffset}, held by {@code role} whose damage there is
     * {@code own} (the run covering {@code memberOffset}), where the members in {@code badMask} all fail: the
     * holder's damage, or for a missing holder another failing member's place ({@code elsewhere}), with a cause that
     * names the members.
     */
    private Damage lostRun(int role, Damage own, long memberOffset, Damage.Origin elsewhere, int badMask,
            long arrayOffset, long length) {
        Damage.Origin origin = own.origin() == null ? elsewhere : own.origin().plus(memberOffset - own.offset());
        List<String> others = new ArrayList<>();
        for (int d = 0; d < members.length; d++) {
            if (d != role && (badMask & 1 << d) != 0) {
                others.add(roleName(d));
            }
        }
        String cause = own.cause() + "; not healable: " + (others.isEmpty() ? "no other copy"
                : String.join(", ", others) + (others.size() == 1 ? " fails" : " fail") + " there too");
        return new Damage(arrayOffset, length, own.kind(), own.status(), origin, cause);
    }

    /** The place of the first present member in {@code badMask} whose damage at {@code memberOffset} has one. */
    private Damage.Origin elsewhere(BadRuns[] bad, int badMask, long memberOffset) {
        for (int d = 0; d < members.length; d++) {
            Damage other = (badMask & 1 << d) != 0 && members[d] != null ? bad[d].at(memberOffset) : null;
            if (other != null && other.origin() != null) {
                return other.origin().plus(memberOffset - other.offset());
            }
        }
        return null;
    }

    private List<Damage> copyDamage(CopyLayout c, long from, long to) {
        List<Damage> out = new ArrayList<>();
        int n = members.length;
        boolean[] present = new boolean[n];
        List<Integer> scan = new ArrayList<>();
        for (int d = 0; d < n; d++) {
            present[d] = members[d] != null;
            if (present[d]) {
                long[] span = c.memberSpan(d, from, to - from);
                if (span != null && !runs(d, span[0], span[1] - span[0]).isEmpty()) {
                    scan.add(d);
                }
            }
        }
        // A lost byte has every copy bad. When every byte has a present copy, some present member is bad there:
        // looking at the bad runs of the present members finds them all; otherwise look at every byte.
        if (!c.completeWith(present)) {
            for (long pos = from; pos < to; ) {
                CopyLayout.Copies cp = c.locate(pos, to - pos);
                lostCopies(cp, pos, -1, out);
                pos += cp.length();
            }
            return out;
        }
        for (int d : scan) {
            long[] span = c.memberSpan(d, from, to - from);
            for (Damage r : runs(d, span[0], span[1] - span[0]).runs()) {
                for (MemberUse u : c.reverse(d, r.offset(), r.length())) {
                    if (u.kind() != MemberUse.Kind.DATA) {
                        continue;
                    }
                    MemberUse.ArrayRange held = u.arrayRanges().get(0);
                    long s = Math.max(from, held.offset());
                    long e = Math.min(to, held.end());
                    for (long pos = s; pos < e; ) {
                        CopyLayout.Copies cp = c.locate(pos, e - pos);
                        lostCopies(cp, pos, d, out);
                        pos += cp.length();
                    }
                }
            }
        }
        return out;
    }

    /**
     * Adds the parts of one run of copies (array bytes from {@code arrayOffset}) bad on every copy; when
     * {@code reporter} is a role, only the parts where it is the first present bad copy (so each loss is added once).
     */
    private void lostCopies(CopyLayout.Copies cp, long arrayOffset, int reporter, List<Damage> out) {
        int copies = cp.devices().length;
        BadRuns[] bad = new BadRuns[copies];
        for (int k = 0; k < copies; k++) {
            bad[k] = runs(cp.devices()[k], cp.memberOffsets()[k], cp.length());
            if (bad[k].isEmpty()) {
                return;
            }
        }
        int holder = firstPresent(cp.devices());
        if (holder < 0) {
            holder = 0;
        }
        if (reporter >= 0 && cp.devices()[holder] != reporter) {
            return;
        }
        for (long x = 0; x < cp.length(); ) {
            long y = cp.length();
            boolean all = true;
            int badMask = 0;
            for (int k = 0; k < copies; k++) {
                long base = cp.memberOffsets()[k];
                y = Math.min(y, bad[k].nextEdgeAfter(base + x) - base);
                if (bad[k].at(base + x) == null) {
                    all = false;
                } else {
                    badMask |= 1 << cp.devices()[k];
                }
            }
            if (all) {
                long m = cp.memberOffsets()[holder] + x;
                Damage.Origin elsewhere = null;
                for (int k = 0; k < copies && elsewhere == null; k++) {
                    Damage other = members[cp.devices()[k]] == null ? null : bad[k].at(cp.memberOffsets()[k] + x);
                    if (other != null && other.origin() != null) {
                        elsewhere = other.origin().plus(cp.memberOffsets()[k] + x - other.offset());
                    }
                }
                out.add(lostRun(cp.devices()[holder], bad[holder].at(m), m, elsewhere, badMask, arrayOffset + x,
                        y - x));
            }
            x = y;
        }
    }

    /**
     * Runs sorted by offset without overlaps (a loss found from two bad copies on one member is kept once), and
     * adjacent runs that continue each other (same kind, status, cause, origin following on) as one.
     */
    private static List<Damage> merged(List<Damage> in) {
        List<Damage> out = new ArrayList<>();
        for (Damage d : in) {
            if (!out.isEmpty()) {
                Damage last = out.get(out.size() - 1);
                if (d.end() <= last.end()) {
                    continue;
                }
                if (d.offset() < last.end()) {
                    d = d.clipped(last.end(), d.end());
                }
                boolean originsJoin = last.origin() == null ? d.origin() == null
                        : last.origin().plus(last.length()).equals(d.origin());
                if (last.end() == d.offset() && last.kind() == d.kind() && last.status() == d.status()
                        && last.cause().equals(d.cause()) && originsJoin) {
                    out.set(out.size() - 1, new Damage(last.offset(), last.length() + d.length(), d.kind(), d.status(),
                            last.origin(), d.cause()));
                    continue;
                }
            }
            out.add(d);
        }
        return out;
    }

    // ----------------------------------------------------------------------------------------------- mapping

    /**
     * The image bytes that hold array bytes {@code [arrayOffset, +length)} or protect them (every copy; the P and Q
     * of their stripe rows), member by member, in array order; missing members' shares are left out.
     */
    public List<ImagePiece> imagePieces(long arrayOffset, long length) {
        List<ImagePiece> out = new ArrayList<>();
        for (MdLayout.MemberRange r : layout.forward(arrayOffset, length)) {
            Member m = members[r.device()];
            if (m == null || r.memberOffset() >= m.data().size()) {
                continue;
            }
            long len = Math.min(r.length(), m.data().size() - r.memberOffset());
            out.add(new ImagePiece(m.imageIndex(), m.imageOffset() + r.memberOffset(), len, r.device(), r.kind()));
        }
        return out;
    }

    /**
     * What bytes {@code [memberOffset, +length)} of the member in {@code role} hold, and for each piece which array
     * bytes no member gives back and which members the rest comes from.
     */
    public List<MemberFate> fate(int role, long memberOffset, long length) {
        List<MemberFate> out = new ArrayList<>();
        for (MemberUse u : layout.reverse(role, memberOffset, length)) {
            switch (u.kind()) {
                case UNUSED -> out.add(new MemberFate(role, u.memberOffset(), u.length(), u.kind(), null, List.of(),
                        List.of()));
                case DATA -> dataFate(role, u, out);
                case PARITY -> {
                    List<MemberUse.ArrayRange> lost = new ArrayList<>();
                    for (MemberUse.ArrayRange r : u.arrayRanges()) {
                        for (Damage d : damageIn(r.offset(), r.length())) {
                            lost.add(new MemberUse.ArrayRange(d.offset(), d.length()));
                        }
                    }
                    out.add(new MemberFate(role, u.memberOffset(), u.length(), u.kind(), null, lost, List.of()));
                }
            }
        }
        return out;
    }

    /** Splits a data piece where its loss or its healers change. */
    private void dataFate(int role, MemberUse u, List<MemberFate> out) {
        MemberUse.ArrayRange held = u.arrayRanges().get(0);
        long delta = u.memberOffset() - held.offset();
        List<Damage> lost = damageIn(held.offset(), held.length());
        TreeSet<Long> cuts = new TreeSet<>();
        cuts.add(held.offset());
        cuts.add(held.end());
        lost.forEach(d -> {
            cuts.add(d.offset());
            cuts.add(d.end());
        });
        Long prev = null;
        for (long cut : cuts) {
            if (prev != null && prev < cut) {
                long s = prev;
                boolean isLost = lost.stream().anyMatch(d -> d.offset() <= s && s < d.end());
                if (isLost) {
                    out.add(new MemberFate(role, s + delta, cut - s, MemberUse.Kind.DATA,
                            new MemberUse.ArrayRange(s, cut - s), List.of(new MemberUse.ArrayRange(s, cut - s)),
                            List.of()));
                } else {
                    healers(role, s, cut - s, delta, out);
                }
            }
            prev = cut;
        }
    }

    /** Healed (or good) array bytes {@code [s, s + length)} of {@code role}: split where the members used change. */
    private void healers(int role, long s, long length, long delta, List<MemberFate> out) {
        long m0 = s + delta;
        BadRuns own = runs(role, m0, length);
        for (long x = 0; x < length; ) {
            long y = Math.min(length, own.nextEdgeAfter(m0 + x) - m0);
            List<Integer> from = new ArrayList<>();
            if (own.at(m0 + x) == null) {
                from.add(role);
            } else if (layout instanceof CopyLayout c) {
                CopyLayout.Copies cp = c.locate(s + x, y - x);
                y = x + cp.length();
                for (int k = 0; k < cp.devices().length; k++) {
                    int d = cp.devices()[k];
                    boolean self = d == role && cp.memberOffsets()[k] == m0 + x;
                    BadRuns r = self ? null : runs(d, cp.memberOffsets()[k], cp.length());
                    if (!self && members[d] != null && r.at(cp.memberOffsets()[k]) == null) {
                        from.add(d);
                        y = Math.min(y, x + Math.min(cp.length(), r.nextEdgeAfter(cp.memberOffsets()[k])
                                - cp.memberOffsets()[k]));
                        break;
                    }
                }
            } else {
                ParityLayout p = (ParityLayout) layout;
                long stripe = (m0 + x) / p.chunkBytes();
                ParityLayout.Stripe st = p.stripe(stripe);
                for (int d = 0; d < members.length; d++) {
                    BadRuns r = runs(d, m0 + x, y - x);
                    if (d != role && r.at(m0 + x) == null) {
                        from.add(d);
                    }
                    y = Math.min(y, r.nextEdgeAfter(m0 + x) - m0);
                }
                // RAID6 with P and Q good needs only one of them when one data member fails
                if (st.q() >= 0 && from.contains(st.p()) && from.contains(st.q())
                        && from.size() == p.devices() - 1) {
                    from.remove(Integer.valueOf(st.q()));
                }
            }
            out.add(new MemberFate(role, m0 + x, y - x, MemberUse.Kind.DATA, new MemberUse.ArrayRange(s + x, y - x),
                    List.of(), from));
            x = y;
        }
    }

    /**
     * The parts of member bytes {@code [memberOffset, +length)} of {@code role} whose bytes matter given what the
     * other members hold: data that no other copy or rebuild gives back, and parity that the only rebuild of a
     * failing data member needs. Bytes not needed can be skipped when rescuing this member. Ranges in member offsets.
     */
    public List<long[]> neededIn(int role, long memberOffset, long length) {
        List<long[]> out = new ArrayList<>();
        for (MemberUse u : layout.reverse(role, memberOffset, length)) {
            if (u.kind() == MemberUse.Kind.UNUSED) {
                continue;
            }
            if (layout instanceof CopyLayout c) {
                long delta = u.memberOffset() - u.arrayRanges().get(0).offset();
                MemberUse.ArrayRange held = u.arrayRanges().get(0);
                for (long pos = held.offset(); pos < held.end(); ) {
                    CopyLayout.Copies cp = c.locate(pos, held.end() - pos);
                    neededCopy(role, cp, pos + delta, out);
                    pos += cp.length();
                }
            } else {
                neededParity((ParityLayout) layout, role, u.memberOffset(), u.length(), out);
            }
        }
        return joined(out);
    }

    private void neededCopy(int role, CopyLayout.Copies cp, long memberAt, List<long[]> out) {
        int copies = cp.devices().length;
        BadRuns[] bad = new BadRuns[copies];
        int own = -1;
        for (int k = 0; k < copies; k++) {
            if (cp.devices()[k] == role && cp.memberOffsets()[k] == memberAt) {
                own = k;
            }
            bad[k] = k == own ? BadRuns.NONE : runs(cp.devices()[k], cp.memberOffsets()[k], cp.length());
        }
        for (long x = 0; x < cp.length(); ) {
            long y = cp.length();
            boolean othersBad = true;
            for (int k = 0; k < copies; k++) {
                if (k == own) {
                    continue;
                }
                long base = cp.memberOffsets()[k];
                y = Math.min(y, bad[k].nextEdgeAfter(base + x) - base);
                othersBad &= bad[k].at(base + x) != null;
            }
            if (othersBad) {
                out.add(new long[] {memberAt + x, memberAt + y});
            }
            x = y;
        }
    }

    private void neededParity(ParityLayout p, int role, long memberOffset, long length, List<long[]> out) {
        int n = members.length;
        BadRuns[] bad = new BadRuns[n];
        for (int d = 0; d < n; d++) {
            bad[d] = d == role ? BadRuns.NONE : runs(d, memberOffset, length);
        }
        long end = memberOffset + length;
        for (long x = memberOffset; x < end; ) {
            long y = end;
            int others = 0;
            boolean dataBad = false;
            ParityLayout.Stripe st = p.stripe(x / p.chunkBytes());
            for (int d = 0; d < n; d++) {
                y = Math.min(y, bad[d].nextEdgeAfter(x));
                if (bad[d].at(x) != null) {
                    others++;
                    dataBad |= st.dataIndex()[d] >= 0;
                }
            }
            boolean isData = st.dataIndex()[role] >= 0;
            boolean lostWithout = others + 1 > p.parityDisks();
            boolean lostWith = others > p.parityDisks();
            if (isData ? lostWithout : lostWithout && !lostWith && dataBad) {
                out.add(new long[] {x, y});
            }
            x = y;
        }
    }

    private static List<long[]> joined(List<long[]> in) {
        List<long[]> out = new ArrayList<>();
        for (long[] r : in) {
            if (!out.isEmpty() && out.get(out.size() - 1)[1] == r[0]) {
                out.get(out.size() - 1)[1] = r[1];
            } else {
                out.add(new long[] {r[0], r[1]});
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return name + " (" + layout.describe() + ")";
    }
}
