package io.qrescue.recovery.stack.md;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The layouts against the chunk tables in md(4), mdadm(8) and the kernel's comments, and forward and reverse
 * maps against each other for every level and layout (the fixtures made by the kernel are the real oracle).
 */
class MdLayoutTest {

    private static final long K = 4096;

    /** The member of each data chunk in stripes 0..rows-1 as "dev" digits, and P/Q positions. */
    private static List<String> table(ParityLayout p, int rows) {
        List<String> out = new ArrayList<>();
        for (int s = 0; s < rows; s++) {
            char[] row = new char[p.devices()];
            ParityLayout.Stripe st = p.stripe(s);
            for (int i = 0; i < p.dataDisks(); i++) {
                row[st.data()[i]] = (char) ('0' + (s * p.dataDisks() + i) % 10);
            }
            row[st.p()] = 'P';
            if (st.q() >= 0) {
                row[st.q()] = 'Q';
            }
            out.add(new String(row));
        }
        return out;
    }

    @Test
    void shouldLayRaid5ChunksAsMdDocumentsIt() {
        assertThat(table(new ParityLayout(5, ParityLayout.LEFT_SYMMETRIC, 4, K, 64 * K), 4))
                .containsExactly("012P", "45P3", "8P67", "P901");
        assertThat(table(new ParityLayout(5, ParityLayout.LEFT_ASYMMETRIC, 4, K, 64 * K), 4))
                .containsExactly("012P", "34P5", "6P78", "P901");
        assertThat(table(new ParityLayout(5, ParityLayout.RIGHT_ASYMMETRIC, 4, K, 64 * K), 4))
                .containsExactly("P012", "3P45", "67P8", "901P");
        assertThat(table(new ParityLayout(5, ParityLayout.RIGHT_SYMMETRIC, 4, K, 64 * K), 4))
                .containsExactly("P012", "5P34", "78P6", "901P");
        assertThat(table(new ParityLayout(5, ParityLayout.PARITY_0, 4, K, 64 * K), 2)).containsExactly("P012", "P345");
        assertThat(table(new ParityLayout(5, ParityLayout.PARITY_N, 4, K, 64 * K), 2)).containsExactly("012P", "345P");
        assertThat(table(new ParityLayout(4, 0, 4, K, 64 * K), 2)).containsExactly("012P", "345P");
    }

    @Test
    void shouldPutRaid6QAfterPAndTheSixVariantsQLast() {
        assertThat(table(new ParityLayout(6, ParityLayout.LEFT_SYMMETRIC, 5, K, 64 * K), 5))
                .containsExactly("Q012P", "345PQ", "78PQ6", "1PQ90", "PQ234");
        assertThat(table(new ParityLayout(6, ParityLayout.LEFT_ASYMMETRIC, 5, K, 64 * K), 5))
                .containsExactly("Q012P", "345PQ", "67PQ8", "9PQ01", "PQ234");
        assertThat(table(new ParityLayout(6, ParityLayout.RIGHT_ASYMMETRIC, 5, K, 64 * K), 3))
                .containsExactly("PQ012", "3PQ45", "67PQ8");
        assertThat(table(new ParityLayout(6, ParityLayout.LEFT_SYMMETRIC_6, 5, K, 64 * K), 4))
                .containsExactly("012PQ", "45P3Q", "8P67Q", "P901Q");
        assertThat(table(new ParityLayout(6, ParityLayout.PARITY_0_6, 5, K, 64 * K), 1)).containsExactly("P012Q");
        assertThat(table(new ParityLayout(6, ParityLayout.PARITY_0, 5, K, 64 * K), 1)).containsExactly("PQ012");
        assertThat(table(new ParityLayout(6, ParityLayout.ROTATING_N_CONTINUE, 5, K, 64 * K), 3))
                .containsExactly("012QP", "45QP3", "8QP67");
    }

    @Test
    void shouldNumberSyndromeSlotsFromTheMemberAfterQOrFromZeroForDdf() {
        ParityLayout md = new ParityLayout(6, ParityLayout.LEFT_ASYMMETRIC, 5, K, 64 * K);
        // stripe 2: P on 2, Q on 3, data 0, 1, 2 on devices 0, 1, 4; slots counted from device 4
        ParityLayout.Stripe st = md.stripe(2);
        assertThat(st.data()).containsExactly(0, 1, 4);
        assertThat(st.slot()).containsExactly(1, 2, -1, -1, 0);
        ParityLayout ddf = new ParityLayout(6, ParityLayout.ROTATING_ZERO_RESTART, 5, K, 64 * K);
        ParityLayout.Stripe d = ddf.stripe(1);
        assertThat(d.p()).isEqualTo(1);
        assertThat(d.slot()).containsExactly(0, -1, -1, 3, 4);
    }

    @Test
    void shouldLayRaid10NearFarAndOffsetAsMd4Shows() {
        // near=2, 3 devices: chunk 0 on 0,1; chunk 1 on 2 and 0 (next row); chunk 2 on 1,2
        Raid10Layout near = new Raid10Layout(3, 0x102, 64 * 1024, 64L << 20);
        assertThat(devices(near, 0)).containsExactly(0, 1);
        assertThat(devices(near, 1)).containsExactly(2, 0);
        assertThat(near.locate(64 * 1024, 1).memberOffsets()).containsExactly(0L, 64 * 1024L);
        assertThat(devices(near, 2)).containsExactly(1, 2);
        // far=2, 4 devices: chunk c on c%4, and in the second half on (c+1)%4
        Raid10Layout far = new Raid10Layout(4, 0x201, 64 * 1024, 64L << 20);
        assertThat(devices(far, 0)).containsExactly(0, 1);
        assertThat(devices(far, 3)).containsExactly(3, 0);
        CopyLayout.Copies c5 = far.locate(5 * 64 * 1024L, 1);
        assertThat(c5.memberOffsets()[1] - c5.memberOffsets()[0]).isEqualTo(32L << 20);
        // offset=2, 4 devices: the copy is on the next member, one chunk further down
        Raid10Layout off = new Raid10Layout(4, 0x10201, 64 * 1024, 64L << 20);
        CopyLayout.Copies c1 = off.locate(64 * 1024, 1);
        assertThat(c1.devices()).containsExactly(1, 2);
        assertThat(c1.memberOffsets()).containsExactly(0L, 64 * 1024L);
        CopyLayout.Copies c4 = off.locate(4 * 64 * 1024, 1);
        assertThat(c4.devices()).containsExactly(0, 1);
        assertThat(c4.memberOffsets()).containsExactly(128 * 1024L, 192 * 1024L);
    }

    private static List<Integer> devices(CopyLayout l, long chunkNo) {
        List<Integer> out = new ArrayList<>();
        for (int d : l.locate(chunkNo * 64 * 1024, 1).devices()) {
            out.add(d);
        }
        return out;
    }

    @Test
    void shouldStripeRaid0ZonesWithTheOriginalOrAlternateLayout() {
        // members of 3, 5 and 5 chunks: zone 0 over all three (9 chunks), zone 1 over the two larger (4 chunks)
        long[] sizes = {3 * K, 5 * K + 100, 5 * K};
        Raid0Layout orig = new Raid0Layout(sizes, K, Raid0Layout.ORIGINAL);
        Raid0Layout alt = new Raid0Layout(sizes, K, Raid0Layout.ALTERNATE);
        assertThat(orig.arrayBytes()).isEqualTo(13 * K);
        assertThat(orig.zoneCount()).isEqualTo(2);
        // zone 1 starts at array chunk 9: the original layout picks member 9 % 2 = 1 of the zone first
        assertThat(orig.locate(9 * K, K).devices()).containsExactly(2);
        assertThat(alt.locate(9 * K, K).devices()).containsExactly(1);
        assertThat(orig.locate(9 * K, K).memberOffsets()).containsExactly(3 * K);
        assertThat(orig.locate(4 * K + 7, K).devices()).containsExactly(1);
        assertThat(orig.locate(4 * K + 7, K).memberOffsets()).containsExactly(K + 7);
    }

    @Test
    void shouldConcatenateLinearMembersRoundedDown() {
        LinearLayout l = new LinearLayout(new long[] {10 * K + 5, 3 * K}, K);
        assertThat(l.arrayBytes()).isEqualTo(13 * K);
        assertThat(l.locate(10 * K + 1, 100).devices()).containsExactly(1);
        assertThat(l.locate(10 * K + 1, 100).memberOffsets()).containsExactly(1L);
        assertThat(l.locate(K, 100 * K).length()).isEqualTo(9 * K);
    }

    /** Every level and layout a kernel accepts, small. */
    static List<MdLayout> allLayouts() {
        List<MdLayout> out = new ArrayList<>();
        long dev = 37 * K + 512;
        out.add(new LinearLayout(new long[] {5 * K, 9 * K + 300, K}, 0));
        out.add(new LinearLayout(new long[] {5 * K, 9 * K + 300, K}, K));
        out.add(new Raid0Layout(new long[] {dev, dev, dev}, K, 0));
        out.add(new Raid0Layout(new long[] {3 * K, 9 * K, 5 * K, 9 * K + 700}, 2 * K, Raid0Layout.ORIGINAL));
        out.add(new Raid0Layout(new long[] {3 * K, 9 * K, 5 * K, 9 * K + 700}, 2 * K, Raid0Layout.ALTERNATE));
        out.add(new Raid1Layout(3, dev));
        for (int n = 2; n <= 5; n++) {
            for (int layout : new int[] {0x102, 0x201, 0x10201, 0x103, 0x301, 0x10301, 0x202, 0x20201, 0x40201,
                0x20301}) {
                int copies = (layout & 0xff) * (layout >> 8 & 0xff);
                if (copies <= n) {
                    out.add(new Raid10Layout(n, layout, K, dev));
                }
            }
        }
        for (int n = 2; n <= 6; n++) {
            out.add(new ParityLayout(4, 5, n, K, dev));
            for (int a = 0; a <= 5; a++) {
                out.add(new ParityLayout(5, a, n, K, dev));
            }
        }
        for (int n = 3; n <= 7; n++) {
            for (int a : new int[] {0, 1, 2, 3, 4, 5, 8, 9, 10, 16, 17, 18, 19, 20}) {
                out.add(new ParityLayout(6, a, n, 2 * K, dev));
            }
        }
        return out;
    }

    @Test
    void shouldMapEveryArrayByteToMembersAndBackForEveryLayout() {
        Random random = new Random(14);
        for (MdLayout l : allLayouts()) {
            boolean[] seen = new boolean[0];
            for (int probe = 0; probe < 300; probe++) {
                long a = Math.floorMod(random.nextLong(), l.arrayBytes());
                for (MdLayout.MemberRange r : l.forward(a, 1)) {
                    assertThat(r.memberOffset()).as(l.describe()).isLessThan(l.memberBytes(r.device()));
                    List<MemberUse> back = l.reverse(r.device(), r.memberOffset(), 1);
                    assertThat(back).as(l.describe()).hasSize(1);
                    if (r.kind() == MemberUse.Kind.DATA) {
                        assertThat(back.get(0).kind()).isEqualTo(MemberUse.Kind.DATA);
                        assertThat(back.get(0).arrayRanges().get(0).offset()).as(l.describe() + " @" + a).isEqualTo(a);
                    } else {
                        assertThat(back.get(0).kind()).isEqualTo(MemberUse.Kind.PARITY);
                        assertThat(back.get(0).arrayRanges()).anyMatch(x -> x.offset() == a);
                    }
                }
            }
            assertThat(seen).isEmpty();
            // no two array bytes share a member byte, and the array fits the members
            long used = 0;
            for (int d = 0; d < l.devices(); d++) {
                for (MemberUse u : l.reverse(d, 0, l.memberBytes(d))) {
                    used += u.kind() == MemberUse.Kind.DATA ? u.length() : 0;
                }
            }
            int copies = l instanceof Raid1Layout ? l.devices() : l instanceof Raid10Layout r10 ? r10.copies() : 1;
            assertThat(used).as(l.describe()).isEqualTo(l.arrayBytes() * copies);
        }
    }
}
