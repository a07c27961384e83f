package io.qrescue.bench.harness;

import io.qrescue.recovery.source.FileImageSource;
import io.qrescue.recovery.source.ImageSource;
import io.qrescue.recovery.stack.md.MdArraySource;
import io.qrescue.recovery.stack.md.MemberData;
import io.qrescue.recovery.stack.md.ParityLayout;
import io.qrescue.recovery.stack.md.Raid6;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Array read throughput for {@code bench/scripts/array-read.sh}: {@code make DIR LEVEL MEMBERS MEMBER_MIB} writes
 * the members of a RAID5 or RAID6 (md's left-symmetric layout, 64 KiB chunks, no superblock: the members are the
 * data areas) of random data with their parity; {@code read DIR LEVEL MEMBERS MISSING...} reads the whole array
 * through {@link MdArraySource} in 1 MiB reads, without the listed roles (0, 1 or 2: rebuilt from parity on the
 * fly), and prints "array_bytes seconds" (the read alone, no JVM start-up).
 */
public final class ArrayReadTiming {

    static final int CHUNK = 64 * 1024;

    private ArrayReadTiming() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[1]);
        int level = Integer.parseInt(args[2]);
        int members = Integer.parseInt(args[3]);
        if (args[0].equals("make")) {
            make(dir, level, members, Long.parseLong(args[4]) << 20);
            return;
        }
        List<Integer> missing = new ArrayList<>();
        for (int i = 4; i < args.length; i++) {
            missing.add(Integer.parseInt(args[i]));
        }
        long memberBytes = Files.size(member(dir, 0));
        ParityLayout layout = new ParityLayout(level, ParityLayout.LEFT_SYMMETRIC, members, CHUNK, memberBytes);
        List<ImageSource> open = new ArrayList<>();
        List<MdArraySource.Member> present = new ArrayList<>();
        for (int r = 0; r < members; r++) {
            if (missing.contains(r)) {
                continue;
            }
            FileImageSource f = FileImageSource.open(member(dir, r));
            open.add(f);
            present.add(new MdArraySource.Member(r, "member-" + r, r, 0, MemberData.of("member-" + r, f, "member-" + r,
                    0, layout.memberBytes(r))));
        }
        MdArraySource array = new MdArraySource("md0", layout, present);
        ByteBuffer buf = ByteBuffer.allocate(1 << 20);
        long sum = 0;
        long start = System.nanoTime();
        for (long at = 0; at < array.size(); ) {
            buf.clear();
            int n = array.read(at, buf);
            sum += buf.get(0);
            at += n;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.println(array.size() + " " + String.format(Locale.ROOT, "%.3f", seconds) + " " + (sum & 1));
        for (ImageSource s : open) {
            s.close();
        }
    }

    static Path member(Path dir, int role) {
        return dir.resolve("member-" + role + ".img");
    }

    /** Members of random data and its parity (stripe by stripe, as md lays out left-symmetric). */
    private static void make(Path dir, int level, int members, long memberBytes) throws IOException {
        Files.createDirectories(dir);
        ParityLayout layout = new ParityLayout(level, ParityLayout.LEFT_SYMMETRIC, members, CHUNK, memberBytes);
        SplittableRandom random = new SplittableRandom(14);
        List<OutputStream> out = new ArrayList<>();
        for (int r = 0; r < members; r++) {
            out.add(Files.newOutputStream(member(dir, r)));
        }
        byte[][] data = new byte[layout.dataDisks()][CHUNK];
        byte[] p = new byte[CHUNK];
        byte[] q = new byte[CHUNK];
        for (long s = 0; s < layout.stripes(); s++) {
            ParityLayout.Stripe st = layout.stripe(s);
            byte[][] bySlot = new byte[layout.syndromeSlots()][];
            for (int i = 0; i < data.length; i++) {
                for (int b = 0; b < CHUNK; b += 8) {
                    long v = random.nextLong();
                    for (int k = 0; k < 8; k++) {
                        data[i][b + k] = (byte) (v >>> (8 * k));
                    }
                }
                int dev = st.data()[i];
                if (level == 6) {
                    bySlot[st.slot()[dev]] = data[i];
                }
            }
            if (level == 6) {
                Raid6.syndrome(bySlot, 0, CHUNK, p, q);
            } else {
                System.arraycopy(data[0], 0, p, 0, CHUNK);
                for (int i = 1; i < data.length; i++) {
                    Raid6.xor(data[i], 0, p, 0, CHUNK);
                }
            }
            for (int dev = 0; dev < members; dev++) {
                int i = st.dataIndex()[dev];
                out.get(dev).write(i >= 0 ? data[i] : dev == st.p() ? p : q);
            }
        }
        for (OutputStream o : out) {
            o.close();
        }
    }
}
