package io.qrescue.recovery.stack.md;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.recovery.source.Damage;
import io.qrescue.recovery.source.DamageKind;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded property tests of the array source over synthetic members: every byte back from every member set the
 * layout tolerates, bad runs healed from copies and parity (rebuilt, not read: the bad bytes are overwritten),
 * and exactly the bytes no member can give back reported, checked byte by byte against a brute-force count.
 */
class MdArraySourceTest {

    private static final long K = 1024;

    static List<MdLayout> layouts() {
        List<MdLayout> out = new ArrayList<>();
        out.add(new LinearLayout(new long[] {5 * K, 9 * K + 300, 2 * K}, 0));
        out.add(new Raid0Layout(new long[] {11 * K, 11 * K, 11 * K}, K, 0));
        out.add(new Raid0Layout(new long[] {3 * K, 9 * K, 5 * K, 9 * K + 700}, 2 * K, Raid0Layout.ORIGINAL));
        out.add(new Raid0Layout(new long[] {3 * K, 9 * K, 5 * K, 9 * K + 700}, 2 * K, Raid0Layout.ALTERNATE));
        out.add(new Raid1Layout(2, 23 * K));
        out.add(new Raid1Layout(3, 23 * K));
        for (int n = 2; n <= 5; n++) {
            for (int layout : new int[] {0x102, 0x201, 0x10201, 0x103, 0x301, 0x202, 0x20201, 0x40201}) {
                int copies = (layout & 0xff) * (layout >> 8 & 0xff);
                if (copies <= n) {
                    out.add(new Raid10Layout(n, layout, 4 * K, 48 * K));
                }
            }
        }
        for (int n = 2; n <= 5; n++) {
            out.add(new ParityLayout(4, 5, n, K, 12 * K + 512));
            for (int a = 0; a <= 5; a++) {
                out.add(new ParityLayout(5, a, n, K, 12 * K + 512));
            }
        }
        for (int n = 3; n <= 6; n++) {
            for (int a : new int[] {0, 1, 2, 3, 4, 5, 8, 9, 10, 16, 17, 18, 19, 20}) {
                out.add(new ParityLayout(6, a, n, 1536, 10 * 1536));
            }
        }
        return out;
    }

    private static byte[] readAll(MdArraySource src, Random random) throws IOException {
        byte[] out = new byte[(int) src.size()];
        for (int pos = 0; pos < out.length; ) {
            int n = Math.min(out.length - pos, 1 + random.nextInt(7000));
            ByteBuffer b = ByteBuffer.wrap(out, pos, n).slice();
            assertThat(src.read(pos, b)).isEqualTo(n);
            pos += n;
        }
        return out;
    }

    @Test
    void shouldReadEveryByteFromEveryMemberSetTheLayoutTolerates() throws IOException {
        Random random = new Random(1);
        for (MdLayout layout : layouts()) {
            SyntheticArray a = new SyntheticArray(layout, random.nextLong());
            int n = layout.devices();
            for (int mask = 0; mask < 1 << n; mask++) {
                boolean[] missing = new boolean[n];
                boolean[] present = new boolean[n];
                for (int d = 0; d < n; d++) {
                    missing[d] = (mask & 1 << d) != 0;
                    present[d] = !missing[d];
                }
                if (Integer.bitCount(mask) > 2 || !layout.completeWith(present)) {
                    continue;
                }
                MdArraySource src = a.source(missing);
                assertThat(src.damageIn(0, src.size())).as(layout.describe() + " missing " + mask).isEmpty();
                assertThat(Arrays.equals(readAll(src, random), a.content)).as(layout.describe() + " missing " + mask)
                        .isTrue();
            }
        }
    }

    @Test
    void shouldHealBadRunsAndReportExactlyTheBytesNoMemberGivesBack() throws IOException {
        Random random = new Random(2);
        for (MdLayout layout : layouts()) {
            for (int round = 0; round < 3; round++) {
                SyntheticArray a = new SyntheticArray(layout, random.nextLong());
                int n = layout.devices();
                boolean[] missing = new boolean[n];
                if (layout.redundancy() > 0 && random.nextBoolean()) {
                    missing[random.nextInt(n)] = true;
                }
                int runs = 1 + random.nextInt(2 * n);
                for (int r = 0; r < runs; r++) {
                    int d = random.nextInt(n);
                    long size = layout.memberBytes(d);
                    long from = Math.floorMod(random.nextLong(), size);
                    a.spoil(d, from, from + 1 + random.nextInt((int) Math.min(size, 3000)));
                }
                String what = layout.describe() + " round " + round;
                MdArraySource src = a.source(missing);
                boolean[] lost = bruteLost(a, missing);
                boolean[] reported = new boolean[lost.length];
                List<Damage> damage = src.damageIn(0, src.size());
                long last = -1;
                for (Damage d : damage) {
                    assertThat(d.offset()).as(what).isGreaterThanOrEqualTo(last);
                    assertThat(d.kind()).isEqualTo(DamageKind.UNREADABLE);
                    last = d.end();
                    for (long x = d.offset(); x < d.end(); x++) {
                        reported[(int) x] = true;
                    }
                }
                assertThat(firstDifference(reported, lost)).as(what).isEqualTo(-1);
                byte[] read = readAll(src, random);
                for (int x = 0; x < read.length; x++) {
                    if (!lost[x] && read[x] != a.content[x]) {
                        assertThat(x).as(what + ": wrong byte at " + x).isEqualTo(-1);
                    }
                }
                // a window of the array says the same as the whole
                long from = Math.floorMod(random.nextLong(), src.size());
                long len = 1 + Math.floorMod(random.nextLong(), src.size() - from);
                for (Damage d : src.damageIn(from, len)) {
                    assertThat(d.offset()).isGreaterThanOrEqualTo(from);
                    assertThat(d.end()).isLessThanOrEqualTo(from + len);
                    for (long x = d.offset(); x < d.end(); x++) {
                        if (!lost[(int) x]) {
                            assertThat(lost[(int) x]).as(what + " window at " + x).isTrue();
                        }
                    }
                }
                checkNeeded(a, src, missing, what);
                checkFate(a, src, lost, missing, what);
            }
        }
    }

    private static int firstDifference(boolean[] a, boolean[] b) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) {
                return i;
            }
        }
        return -1;
    }

    private static boolean badAt(SyntheticArray a, boolean[] missing, int d, long memberOffset) {
        return missing[d] || a.isBad(d, memberOffset);
    }

    /** Per array byte: no good copy, or its own member bad and more members bad in its row than parities. */
    static boolean[] bruteLost(SyntheticArray a, boolean[] missing) {
        MdLayout layout = a.layout;
        boolean[] lost = new boolean[(int) layout.arrayBytes()];
        if (layout instanceof CopyLayout c) {
            for (long pos = 0; pos < lost.length; ) {
                CopyLayout.Copies cp = c.locate(pos, lost.length - pos);
                for (int i = 0; i < cp.length(); i++) {
                    boolean all = true;
                    for (int k = 0; k < cp.devices().length && all; k++) {
                        all = badAt(a, missing, cp.devices()[k], cp.memberOffsets()[k] + i);
                    }
                    lost[(int) pos + i] = all;
                }
                pos += cp.length();
            }
            return lost;
        }
        ParityLayout p = (ParityLayout) layout;
        for (int x = 0; x < lost.length; x++) {
            long chunkNo = x / p.chunkBytes();
            long s = chunkNo / p.dataDisks();
            long m = s * p.chunkBytes() + x % p.chunkBytes();
            int own = p.stripe(s).data()[(int) (chunkNo % p.dataDisks())];
            if (!badAt(a, missing, own, m)) {
                continue;
            }
            int count = 0;
            for (int d = 0; d < p.devices(); d++) {
                count += badAt(a, missing, d, m) ? 1 : 0;
            }
            lost[x] = count > p.parityDisks();
        }
        return lost;
    }

    private static void checkNeeded(SyntheticArray a, MdArraySource src, boolean[] missing, String what) {
        MdLayout layout = a.layout;
        for (int d = 0; d < layout.devices(); d++) {
            boolean[] needed = new boolean[(int) layout.memberBytes(d)];
            for (long[] r : src.neededIn(d, 0, needed.length)) {
                for (long x = r[0]; x < r[1]; x++) {
                    needed[(int) x] = true;
                }
            }
            for (MemberUse u : layout.reverse(d, 0, needed.length)) {
                for (long m = u.memberOffset(); m < u.memberEnd(); m++) {
                    boolean expected;
                    if (u.kind() == MemberUse.Kind.UNUSED) {
                        expected = false;
                    } else if (layout instanceof CopyLayout c) {
                        long arrayAt = u.arrayRanges().get(0).offset() + (m - u.memberOffset());
                        CopyLayout.Copies cp = c.locate(arrayAt, u.memberEnd() - m);
                        for (long i = 0; i < cp.length(); i++) {
                            boolean othersBad = true;
                            for (int k = 0; k < cp.devices().length; k++) {
                                if (cp.devices()[k] != d || cp.memberOffsets()[k] != m) {
                                    othersBad &= badAt(a, missing, cp.devices()[k], cp.memberOffsets()[k] + i);
                                }
                            }
                            if (needed[(int) (m + i)] != othersBad) {
                                assertThat(needed[(int) (m + i)]).as(what + ": role " + d + " byte " + (m + i)
                                        + " needed").isEqualTo(othersBad);
                            }
                        }
                        m += cp.length() - 1;
                        continue;
                    } else {
                        ParityLayout p = (ParityLayout) layout;
                        ParityLayout.Stripe st = p.stripe(m / p.chunkBytes());
                        int others = 0;
                        boolean dataBad = false;
                        for (int o = 0; o < p.devices(); o++) {
                            if (o != d && badAt(a, missing, o, m)) {
                                others++;
                                dataBad |= st.dataIndex()[o] >= 0;
                            }
                        }
                        expected = st.dataIndex()[d] >= 0 ? others >= p.parityDisks()
                                : others == p.parityDisks() && dataBad;
                    }
                    if (needed[(int) m] != expected) {
                        assertThat(needed[(int) m]).as(what + ": role " + d + " byte " + m + " needed").isEqualTo(expected);
                    }
                }
            }
        }
    }

    private static void checkFate(SyntheticArray a, MdArraySource src, boolean[] lost, boolean[] missing, String what) {
        for (int d = 0; d < a.layout.devices(); d++) {
            if (missing[d]) {
                continue;
            }
            long covered = 0;
            for (MdArraySource.MemberFate f : src.fate(d, 0, a.layout.memberBytes(d))) {
                covered += f.length();
                if (f.kind() != MemberUse.Kind.DATA) {
                    continue;
                }
                boolean isLost = !f.lost().isEmpty();
                for (long x = f.held().offset(); x < f.held().end(); x++) {
                    if (lost[(int) x] != isLost) {
                        assertThat(lost[(int) x]).as(what + " fate of role " + d + " at array " + x).isEqualTo(isLost);
                    }
                }
                if (!isLost) {
                    assertThat(f.from()).as(what + " " + f + " bad " + a.bad.stream().map(l -> l.stream()
                            .map(Arrays::toString).toList().toString()).toList() + " missing " + Arrays.toString(missing))
                            .isNotEmpty();
                    assertThat(f.from()).doesNotContain(-1);
                    if (!a.isBad(d, f.memberOffset())) {
                        assertThat(f.from()).containsExactly(d);
                    } else if (a.layout instanceof ParityLayout) {
                        assertThat(f.from()).doesNotContain(d); // (RAID10 far sets of 1 keep both copies on one member)
                    }
                }
            }
            assertThat(covered).isEqualTo(a.layout.memberBytes(d));
        }
    }
}
