package io.qrescue.recovery.stack.md;

import io.qrescue.mapfile.BlockMap;
import io.qrescue.mapfile.BlockStatus;
import io.qrescue.mapfile.StatusBlock;
import io.qrescue.recovery.source.ByteArraySource;
import io.qrescue.recovery.source.Readability;
import io.qrescue.recovery.source.RescuedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Member images written from array content through a layout (test-only): copies as the layout places them, P
 * as XOR and Q as Σ g^slot·D computed byte by byte with a plain shift-and-reduce multiply (not {@link Raid6}),
 * each member with its own list of bad runs, whose bytes are overwritten with garbage so that only a real rebuild
 * gives them back.
 */
final class SyntheticArray {

    final MdLayout layout;
    final byte[] content;
    final byte[][] members;
    final List<List<long[]>> bad = new ArrayList<>();
    /** Per member, per byte: inside a bad run. */
    final boolean[][] badBytes;

    SyntheticArray(MdLayout layout, long seed) {
        this.layout = layout;
        Random random = new Random(seed);
        content = new byte[(int) layout.arrayBytes()];
        random.nextBytes(content);
        members = new byte[layout.devices()][];
        badBytes = new boolean[layout.devices()][];
        for (int d = 0; d < layout.devices(); d++) {
            members[d] = new byte[(int) layout.memberBytes(d)];
            badBytes[d] = new boolean[members[d].length];
            bad.add(new ArrayList<>());
        }
        if (layout instanceof CopyLayout c) {
            for (long pos = 0; pos < content.length; ) {
                CopyLayout.Copies cp = c.locate(pos, content.length - pos);
                for (int k = 0; k < cp.devices().length; k++) {
                    System.arraycopy(content, (int) pos, members[cp.devices()[k]], (int) cp.memberOffsets()[k],
                            (int) cp.length());
                }
                pos += cp.length();
            }
        } else {
            writeParity((ParityLayout) layout);
        }
    }

    private void writeParity(ParityLayout p) {
        int chunk = (int) p.chunkBytes();
        for (long s = 0; s < p.stripes(); s++) {
            ParityLayout.Stripe st = p.stripe(s);
            int base = (int) (s * chunk);
            for (int i = 0; i < p.dataDisks(); i++) {
                System.arraycopy(content, (int) ((s * p.dataDisks() + i) * chunk), members[st.data()[i]], base, chunk);
            }
            for (int x = 0; x < chunk; x++) {
                int pv = 0;
                int qv = 0;
                for (int i = 0; i < p.dataDisks(); i++) {
                    int dev = st.data()[i];
                    int v = members[dev][base + x] & 0xff;
                    pv ^= v;
                    if (st.q() >= 0) {
                        qv ^= PRODUCTS[slowPow2(st.slot()[dev])][v];
                    }
                }
                members[st.p()][base + x] = (byte) pv;
                if (st.q() >= 0) {
                    members[st.q()][base + x] = (byte) qv;
                }
            }
        }
    }

    /** PRODUCTS[a][b] = a·b by {@link #slowMul}. */
    private static final int[][] PRODUCTS = new int[256][256];

    static {
        for (int a = 0; a < 256; a++) {
            for (int b = 0; b < 256; b++) {
                PRODUCTS[a][b] = slowMul(a, b);
            }
        }
    }

    static int slowMul(int a, int b) {
        int r = 0;
        while (b != 0) {
            if ((b & 1) != 0) {
                r ^= a;
            }
            a <<= 1;
            if ((a & 0x100) != 0) {
                a ^= 0x11d;
            }
            b >>= 1;
        }
        return r;
    }

    static int slowPow2(int e) {
        int r = 1;
        for (int i = 0; i < e; i++) {
            r = slowMul(r, 2);
        }
        return r;
    }

    /** Marks member bytes {@code [from, to)} of {@code device} bad and overwrites them. */
    void spoil(int device, long from, long to) {
        to = Math.min(to, members[device].length);
        if (from >= to) {
            return;
        }
        bad.get(device).add(new long[] {from, to});
        Arrays.fill(members[device], (int) from, (int) to, (byte) 0xEE);
        Arrays.fill(badBytes[device], (int) from, (int) to, true);
    }

    boolean isBad(int device, long memberOffset) {
        return memberOffset < badBytes[device].length && badBytes[device][(int) memberOffset];
    }

    /** The array source over the members not in {@code missing}, each read with its bad runs as a mapfile. */
    MdArraySource source(boolean[] missing) {
        List<MdArraySource.Member> present = new ArrayList<>();
        for (int d = 0; d < layout.devices(); d++) {
            if (missing[d]) {
                continue;
            }
            List<StatusBlock> blocks = new ArrayList<>();
            long cursor = 0;
            List<long[]> runs = new ArrayList<>(bad.get(d));
            runs.sort((a, b) -> Long.compare(a[0], b[0]));
            List<long[]> merged = new ArrayList<>();
            for (long[] r : runs) {
                if (!merged.isEmpty() && merged.get(merged.size() - 1)[1] >= r[0]) {
                    merged.get(merged.size() - 1)[1] = Math.max(merged.get(merged.size() - 1)[1], r[1]);
                } else {
                    merged.add(r.clone());
                }
            }
            for (long[] r : merged) {
                if (r[0] > cursor) {
                    blocks.add(new StatusBlock(cursor, r[0] - cursor, BlockStatus.FINISHED));
                }
                blocks.add(new StatusBlock(r[0], r[1] - r[0], BlockStatus.BAD_SECTOR));
                cursor = r[1];
            }
            if (cursor < members[d].length) {
                blocks.add(new StatusBlock(cursor, members[d].length - cursor, BlockStatus.FINISHED));
            }
            String name = "m" + d;
            RescuedImage image = RescuedImage.of(name, new ByteArraySource(members[d]),
                    Readability.of(BlockMap.of(blocks)));
            present.add(new MdArraySource.Member(d, name, d, 0,
                    MemberData.of(name, image, name, 0, layout.memberBytes(d))));
        }
        return new MdArraySource("md0", layout, present);
    }
}
