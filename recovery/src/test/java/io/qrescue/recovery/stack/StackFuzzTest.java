package io.qrescue.recovery.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.recovery.source.ImageSource;
import io.qrescue.recovery.stack.finding.Finding;
import io.qrescue.recovery.stack.lvm.LvMapper;
import io.qrescue.recovery.stack.lvm.LogicalVolume;
import io.qrescue.recovery.stack.lvm.VgRead;
import io.qrescue.recovery.stack.lvm.VolumeGroupReader;
import io.qrescue.recovery.stack.testing.BoundedSource;
import io.qrescue.recovery.stack.testing.QnapDiskBuilder;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Seeded random corruptions of every structure of a QNAP-shaped disk (GPT, md 1.0 superblock, LVM label, mda
 * header, metadata text): bit flips, huge values in count/size/offset fields, garbage sectors, truncated images.
 * No exception may escape, no read may ask for more than the image, and a bit flip inside a checksummed range
 * must give a finding that names that structure at an offset inside it.
 */
class StackFuzzTest {

    private static final int ROUNDS = 2000;

    private static QnapDiskBuilder builder;
    private static byte[] image;
    private static List<Region> regions;

    /** A structure's checksummed byte range on the image and how its finding is recognised. */
    private record Region(String name, long start, long end, Predicate<Finding> names, long[] fieldOffsets) {
    }

    @BeforeAll
    static void build() {
        builder = new QnapDiskBuilder();
        // A smaller metadata area than lvm's default keeps each round's history scan short.
        builder.pv.mdaSizeBytes = 128 << 10;
        QnapDiskBuilder older = new QnapDiskBuilder();
        older.seqno = 277;
        builder.olderTexts.add(older.committedText());
        image = builder.build();
        long p3 = builder.p3StartBytes();
        long sb = p3 + (((builder.p3SizeBytes() / 512) - 16) & ~7L) * 512;
        long text = p3 + 4096 + builder.pv.textOffsets.get(1);
        long textEnd = text + builder.committedText().length() + 1;
        long label = p3 + 512;
        long mda = p3 + 4096;
        regions = List.of(
                new Region("GPT header", 512 + 8, 512 + 92, f -> f.structure().equals("primary GPT header")
                        && f.offsetBytes() >= 512 && f.offsetBytes() < 604, new long[] {512 + 12, 512 + 72, 512 + 80,
                            512 + 84, 512 + 32}),
                new Region("GPT entries", 1024, 1024 + 128 * 128, f -> f.structure().equals("primary GPT entries")
                        && f.offsetBytes() == 1024, new long[] {1024 + 32, 1024 + 40, 1024 + 128 * 2 + 32}),
                new Region("md superblock", sb + 4, sb + 256 + 4, f -> f.structure().startsWith("md superblock 1.0")
                        && f.offsetBytes() >= sb && f.offsetBytes() < sb + 4096, new long[] {sb + 80, sb + 92, sb + 128,
                            sb + 136, sb + 144, sb + 160, sb + 220, sb + 72}),
                new Region("LVM label", label + 20, label + 512, f -> f.structure().startsWith("LVM")
                        && f.offsetBytes() >= label && f.offsetBytes() < label + 512, new long[] {label + 20, label + 64,
                            label + 72, label + 80, label + 104, label + 112}),
                new Region("LVM mda header", mda, mda + 512, f -> f.structure().startsWith("LVM")
                        && f.offsetBytes() >= mda && f.offsetBytes() < mda + 512, new long[] {mda + 24, mda + 32,
                            mda + 40, mda + 48}),
                new Region("LVM metadata text", text, textEnd - 1, f -> f.structure().equals("LVM metadata text")
                        && f.offsetBytes() == text, new long[0]));
    }

    /** Undo log of one round's changes, so the 64 MiB image is built once. */
    private static final class Edits {
        final List<long[]> saved = new ArrayList<>();

        void set(long at, byte v) {
            saved.add(new long[] {at, image[(int) at]});
            image[(int) at] = v;
        }

        void undo() {
            for (int i = saved.size() - 1; i >= 0; i--) {
                image[(int) saved.get(i)[0]] = (byte) saved.get(i)[1];
            }
            saved.clear();
        }
    }

    @Test
    void shouldSurviveThousandsOfCorruptionsAndNameWhatBroke() {
        Random r = new Random(20261127L);
        Edits edits = new Edits();
        int flipsChecked = 0;
        for (int round = 0; round < ROUNDS; round++) {
            long seed = r.nextLong();
            Random rr = new Random(seed);
            Region region = regions.get(rr.nextInt(regions.size()));
            int kind = rr.nextInt(10);
            long size = image.length;
            boolean expectFinding = false;
            if (kind < 5) {
                long at = region.start() + (long) (rr.nextDouble() * (region.end() - region.start()));
                edits.set(at, (byte) (image[(int) at] ^ (1 << rr.nextInt(8))));
                expectFinding = true;
            } else if (kind < 7 && region.fieldOffsets().length > 0) {
                long at = region.fieldOffsets()[rr.nextInt(region.fieldOffsets().length)];
                long v = switch (rr.nextInt(4)) {
                    case 0 -> -1L;
                    case 1 -> Long.MAX_VALUE;
                    case 2 -> 0x7fffffffL;
                    default -> rr.nextLong();
                };
                int width = rr.nextBoolean() ? 4 : 8;
                for (int i = 0; i < width; i++) {
                    edits.set(at + i, (byte) (v >>> (8 * i)));
                }
            } else if (kind < 9) {
                long at = region.start() + (long) (rr.nextDouble() * (region.end() - region.start()));
                for (int i = 0; i < 512 && at + i < image.length; i++) {
                    edits.set(at + i, (byte) rr.nextInt(256));
                }
            } else {
                size = region.start() + (long) (rr.nextDouble() * (region.end() - region.start() + 8192));
            }
            BoundedSource src = new BoundedSource(image, Math.min(size, image.length));
            StorageStack st;
            try {
                st = StackScanner.scan(List.of(new NamedImage("fuzz", src)));
                walk(st);
            } catch (Throwable t) {
                throw new AssertionError("round " + round + " seed " + seed + " (" + region.name() + ", kind " + kind
                        + ") threw", t);
            } finally {
                edits.undo();
            }
            assertThat(src.largestReadBytes()).as("seed %d", seed).isLessThanOrEqualTo(src.size());
            if (expectFinding) {
                flipsChecked++;
                assertThat(st.allFindings()).as("seed %d: bit flip in %s", seed, region.name())
                        .anyMatch(region.names());
            }
        }
        assertThat(flipsChecked).isGreaterThan(ROUNDS / 3);
        // Undo restored the image: a clean scan again.
        StorageStack clean = StackScanner.scan(List.of(new NamedImage("clean", new BoundedSource(image, image.length))));
        assertThat(clean.vg("vg1").vg().seqno()).isEqualTo(278);
    }

    /** Everything a renderer would touch: every placement read at its start and end. */
    private static void walk(StorageStack st) throws Exception {
        for (VgNode vg : st.volumeGroups()) {
            for (LvNode lv : vg.lvs()) {
                for (Placement p : lv.placements()) {
                    ImageSource s = p.open();
                    s.read(0, ByteBuffer.allocate(512));
                    if (s.size() > 512) {
                        s.read(s.size() - 512, ByteBuffer.allocate(512));
                    }
                }
            }
            vg.pools().forEach(pool -> {
                assertThat(pool.pool()).isNotNull();
            });
        }
        st.allFindings().forEach(f -> assertThat(f.structure()).isNotBlank());
    }

    @Test
    void shouldParseThousandsOfMangledTextsWithoutThrowing() {
        String text = new QnapDiskBuilder().committedText();
        String alphabet = "{}[]=,\"'#\\ \n0123456789-.abcxyz";
        Random r = new Random(6);
        for (int round = 0; round < 2000; round++) {
            StringBuilder sb = new StringBuilder(text);
            int edits = 1 + r.nextInt(6);
            for (int e = 0; e < edits; e++) {
                int at = r.nextInt(sb.length());
                switch (r.nextInt(4)) {
                    case 0 -> sb.setCharAt(at, alphabet.charAt(r.nextInt(alphabet.length())));
                    case 1 -> sb.insert(at, alphabet.charAt(r.nextInt(alphabet.length())));
                    case 2 -> sb.deleteCharAt(at);
                    default -> sb.setLength(at);
                }
                if (sb.length() == 0) {
                    break;
                }
            }
            // Replace some number with a huge one: counts and extents must be bounded, not trusted.
            String mangled = sb.toString().replaceFirst("extent_count = \\d+", "extent_count = " + (r.nextBoolean()
                    ? Long.MAX_VALUE : 1L << (40 + r.nextInt(20))));
            try {
                VgRead read = VolumeGroupReader.read(mangled);
                if (read.vg() != null) {
                    for (LogicalVolume lv : read.vg().logicalVolumes()) {
                        LvMapper.map(read.vg(), lv);
                    }
                }
            } catch (Throwable t) {
                throw new AssertionError("round " + round + " threw on:\n" + mangled, t);
            }
        }
    }
}
