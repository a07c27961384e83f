package io.qrescue.recovery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.mapfile.BlockMap;
import io.qrescue.mapfile.BlockStatus;
import io.qrescue.mapfile.Mapfile;
import io.qrescue.mapfile.MapfileHeader;
import io.qrescue.mapfile.MapfileReader;
import io.qrescue.mapfile.MapfileWriter;
import io.qrescue.mapfile.StatusBlock;
import io.qrescue.recovery.analysis.FixtureOracle;
import io.qrescue.recovery.source.FileImageSource;
import io.qrescue.recovery.stack.thin.BlockKind;
import io.qrescue.recovery.stack.thin.QnapLayoutImages;
import io.qrescue.recovery.testing.FixtureStack;
import io.qrescue.recovery.testing.PatchedImage.Patch;
import io.qrescue.recovery.vm.volume.VolumeFixtures;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12's reproductions, each on a copy of the md10-single fixture (real mdadm, lvm2 and dm-thin), each
 * through the real command line: the command exits non-zero, or every byte it hands out as good is the true one.
 * Oracle: each volume as lvm2 (lvs --segments) and thin_dump placed it inside the VM that made the fixture
 * ({@link FixtureOracle}), read from the untouched image.
 */
class NeverSilentlyWrongTest {

    private static final String[] VOLUMES = {"vg1/lv1", "vg1/lv2", "vg1/snap10001"};

    @TempDir
    static Path shared;

    private static Path pristine;
    private static Path qnapPristine;
    private static final Map<String, String> TRUTH = new HashMap<>();

    @TempDir
    Path dir;

    @BeforeAll
    static void unpack() throws Exception {
        pristine = VolumeFixtures.unpack("md10-single", "disk.img.gz", shared);
        FixtureOracle oracle = new FixtureOracle("md10-single");
        for (String v : VOLUMES) {
            // the truth: each volume as lvm2 and thin_dump placed it when the fixture was made
            Path truth = shared.resolve(v.replace('/', '-') + ".truth");
            Files.write(truth, oracle.thinVolumeBytes(pristine, v.substring(v.indexOf('/') + 1)));
            TRUTH.put(v, sha256(truth));
            Path out = shared.resolve(v.replace('/', '-') + ".pristine");
            Run r = run("extract", pristine.toString(), out.toString(), "--volume", v, "-q");
            assertThat(r.rc).as(r.err).isZero();
            assertThat(sha256(out)).as("pristine " + v).isEqualTo(TRUTH.get(v));
        }
        qnapPristine = shared.resolve("qnap.img");
        Files.copy(pristine, qnapPristine);
        QnapLayoutImages.convert(qnapPristine);
    }

    @Test
    void twoBytesFlippedInALiveMappingLeafMakeExtractFailAndMarkTheLeafsRange() throws Exception {
        Path image = copy(pristine);
        FixtureStack stack = stack(image);
        long leaf = stack.blocksOf(BlockKind.DEVICE_LEAF, stack.deviceId("vg1/snap10001")).get(0);
        int valueArea = 32 + 8 * 252; // 252 entries of 8-byte keys in a 4 KiB node, then the values
        apply(image, stack.flip(stack.tmetaBlock(leaf) + valueArea + 5, 2),
                stack.flip(stack.tmetaBlock(leaf) + valueArea + 13, 6));

        Run analyze = run("analyze", image.toString());
        assertThat(analyze.out).contains("btree node checksum mismatch");
        Path out = dir.resolve("snap.img");
        Run r = run("extract", image.toString(), out.toString(), "--volume", "vg1/snap10001", "-q");
        assertThat(r.rc).as(r.out + r.err).isEqualTo(ExitCodes.CORRUPT_INPUT);
        assertThat(r.err).contains("vg1/snap10001: ").contains("bytes of unknown provenance")
                .contains("block " + leaf).contains("checksum");
        assertThat(r.err.lines()).hasSize(1);
        assertFinishedBytesAreTrue(out, "vg1/snap10001");
        assertThat(notFinishedBytes(out)).isPositive();
    }

    @Test
    void aPrecommittedSlotWithANewerSeqnoIsIgnoredWithAFinding() throws Exception {
        Path image = copy(pristine);
        FixtureStack stack = stack(image);
        // an interrupted lvm commit: slot 1 holds seqno + 1 in which lv1 points at lv2's thin device
        List<Patch> patches = stack.precommitted(text -> withDeviceId(bumpSeqno(text), "lv1", 2));
        apply(image, patches.toArray(Patch[]::new));

        Run analyze = run("analyze", image.toString());
        assertThat(analyze.rc).isZero();
        assertThat(analyze.out).contains("precommitted metadata in raw_locn 1 (VG vg1 seqno " + (seqno(stack) + 1) + ")")
                .contains("ignored");
        for (String v : VOLUMES) {
            Path out = dir.resolve(v.replace('/', '-'));
            Run r = run("extract", image.toString(), out.toString(), "--volume", v, "-q");
            assertThat(r.rc).as(v + ": " + r.err).isZero();
            assertThat(sha256(out)).as(v).isEqualTo(TRUTH.get(v));
        }
    }

    @Test
    void aPlaceholderOverTheQnapSuperblockIsReadFromTheNewestBackup() throws Exception {
        Path image = copy(qnapPristine);
        FixtureStack stack = stack(image);
        assertThat(stack.thin().blockSizeBytes()).isEqualTo(8192);
        long blocks = stack.thin().deviceBlocks();
        // what QNAP's kernel writes into unused backup slots, here over block 0
        byte[] placeholder = new byte[8192];
        ByteBuffer.wrap(placeholder).order(ByteOrder.LITTLE_ENDIAN).putLong(32, 27022010L)
                .putInt(0, FixtureStack.checksum(placeholder, FixtureStack.SUPERBLOCK_SALT));
        apply(image, new Patch(stack.tmetaBlock(0), placeholder));

        Run analyze = run("analyze", image.toString());
        assertThat(analyze.out).contains("block 0 is a placeholder").contains("using the newest backup at block "
                + (blocks - 1)).contains("superblock from the backup at block " + (blocks - 1) + " (backup_id ");
        assertThat(run("analyze", image.toString(), "--json").out).contains("\"superblockFrom\":\"backup at block "
                + (blocks - 1));
        for (String v : VOLUMES) {
            Path out = dir.resolve(v.replace('/', '-'));
            Run r = run("extract", image.toString(), out.toString(), "--volume", v, "-q");
            assertThat(r.rc).as(v + ": " + r.err).isZero();
            assertThat(sha256(out)).as(v).isEqualTo(TRUTH.get(v));
        }
    }

    @Test
    void aHealthyQnapPoolWithPlaceholderSlotsHasNoFindings() throws Exception {
        FixtureStack stack = stack(qnapPristine);
        assertThat(stack.thin().superblockSource()).isEqualTo("block 0");
        assertThat(stack.thin().findings()).isEmpty();
        Run analyze = run("analyze", qnapPristine.toString());
        assertThat(analyze.out).doesNotContain("ERROR").doesNotContain("WARNING").doesNotContain("backup slot");
    }

    @Test
    void metadataOnSectorsTheMapMarksBadIsNeverParsed() throws Exception {
        FixtureStack stack = stack(pristine);
        // the image still holds the superblock's bytes; the mapfile says they were never read
        Path map = mapfile(dir.resolve("superblock-bad.map"), Files.size(pristine), stack.tmetaBlock(0), 4096);
        Run analyze = run("analyze", pristine.toString(), "--map", map.toString());
        assertThat(analyze.out).contains("block 0 cannot be read").contains("bad-sector");
        // without a superblock the salvage rebuilds lv1 from the nodes alone: what it cannot tell apart is marked
        Path x = dir.resolve("x");
        Run r = run("extract", pristine.toString(), x.toString(), "--volume", "vg1/lv1", "--map", map.toString(),
                "-q");
        assertThat(r.rc).as(r.err).isEqualTo(ExitCodes.CORRUPT_INPUT);
        assertThat(r.err).contains("vg1/lv1: ").contains("bytes of unknown provenance").contains("no superblock");
        assertFinishedBytesAreTrue(x, "vg1/lv1");

        long leaf = stack.blocksOf(BlockKind.DEVICE_LEAF, stack.deviceId("vg1/lv2")).get(0);
        Path leafMap = mapfile(dir.resolve("leaf-bad.map"), Files.size(pristine), stack.tmetaBlock(leaf), 512);
        Path out = dir.resolve("lv2.img");
        r = run("extract", pristine.toString(), out.toString(), "--volume", "vg1/lv2", "--map", leafMap.toString(),
                "-q");
        assertThat(r.rc).as(r.err).isEqualTo(ExitCodes.CORRUPT_INPUT);
        // the leaf's bytes are not parsed: the salvage brings lv2 back from an older copy, every byte marked
        assertThat(r.err).contains("vg1/lv2: ").contains("bytes of unknown provenance").contains("may be stale");
        assertFinishedBytesAreTrue(out, "vg1/lv2");
        assertThat(notFinishedBytes(out)).isPositive();
    }

    @Test
    void lvmTextAndTheMdSuperblockOnSectorsTheMapMarksBadAreNeverParsed() throws Exception {
        FixtureStack stack = stack(pristine);
        // the image still holds good bytes there: only a reader that ignored the map could use them
        long text = stack.mdaHeader + stack.committed.offsetBytes();
        long textStart = text / 512 * 512;
        Path lvmMap = mapfile(dir.resolve("lvm-text-bad.map"), Files.size(pristine), textStart,
                (text + stack.committed.sizeBytes() + 511) / 512 * 512 - textStart);
        Run analyze = run("analyze", pristine.toString(), "--map", lvmMap.toString());
        assertThat(analyze.out).contains("LVM metadata text @" + text + ": not readable").contains("bad-sector")
                .contains("LOST committed VG metadata text").contains("VG metadata lost");
        for (String v : VOLUMES) {
            Run r = run("extract", pristine.toString(), dir.resolve("lvm-" + v.replace('/', '-')).toString(),
                    "--volume", v, "--map", lvmMap.toString(), "-q");
            assertThat(r.rc).as(v + ": " + r.err).isEqualTo(ExitCodes.CORRUPT_INPUT);
        }

        Path mdMap = mapfile(dir.resolve("md-bad.map"), Files.size(pristine), stack.mdSuperblock / 512 * 512, 4096);
        analyze = run("analyze", pristine.toString(), "--map", mdMap.toString());
        // md 1.0 keeps the data from the member's byte 0: the PV shows through, but this may be a striped member
        assertThat(analyze.out).contains("md superblock 1.0 @" + stack.mdSuperblock + ": location cannot be read")
                .contains("bad-sector");
        for (String v : VOLUMES) {
            Path out = dir.resolve("md-" + v.replace('/', '-'));
            Run r = run("extract", pristine.toString(), out.toString(), "--volume", v, "--map", mdMap.toString(),
                    "-q");
            assertThat(r.rc).as(v + ": " + r.err).isEqualTo(ExitCodes.CORRUPT_INPUT);
            assertThat(r.err).contains("bytes of unknown provenance").contains("may be one member of an md array");
            assertFinishedBytesAreTrue(out, v);
        }
    }

    @Test
    void aThinMappingPastTheVolumesSizeIsAFinding() throws Exception {
        Path image = copy(pristine);
        FixtureStack stack = stack(image);
        // lv2 shrunk to its first extent in LVM's metadata (checksums fixed); the pool still maps blocks past it
        apply(image, stack.rewriteCommitted(text -> withExtentCount(text, "lv2", 1)).toArray(Patch[]::new));
        Run analyze = run("analyze", image.toString());
        assertThat(analyze.out).contains("vg1/lv2 (device 2) maps blocks up to byte").contains("past its LVM size "
                + (4L << 20));
        Run json = run("analyze", image.toString(), "--json");
        assertThat(json.out).contains("past its LVM size");
    }

    @Test
    void aSegmentWithoutTypeIsAFindingNeverAnException() throws Exception {
        Path image = copy(pristine);
        FixtureStack stack = stack(image);
        apply(image, stack.rewriteCommitted(text -> withoutKey(text, "lv2", "type")).toArray(Patch[]::new));

        Run json = run("analyze", image.toString(), "--json");
        assertThat(json.rc).as(json.err).isZero();
        assertThat(json.out).contains("segment1: no type key");
        Run text = run("analyze", image.toString());
        assertThat(text.rc).as(text.err).isZero();
        assertThat(text.out).contains("LV lv2: ?").doesNotContain("null");
        Run r = run("extract", image.toString(), dir.resolve("x").toString(), "--volume", "vg1/lv2", "-q");
        assertThat(r.rc).isEqualTo(ExitCodes.CORRUPT_INPUT);
        assertThat(r.err).contains("vg1/lv2 cannot be read: its first segment has no type");
        Run other = run("extract", image.toString(), dir.resolve("y").toString(), "--volume", "vg1/lv1", "-q");
        assertThat(other.rc).as(other.err).isZero();
        assertThat(sha256(dir.resolve("y"))).isEqualTo(TRUTH.get("vg1/lv1"));
    }

    // ---- helpers

    private record Run(int rc, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int rc = Main.commandLine(new PrintWriter(o, true), new PrintWriter(e, true)).execute(args);
        return new Run(rc, o.toString(), e.toString());
    }

    private Path copy(Path from) throws IOException {
        Path to = dir.resolve(from.getFileName() + ".copy");
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        return to;
    }

    private static FixtureStack stack(Path image) throws IOException {
        return FixtureStack.of(FileImageSource.open(image));
    }

    private static void apply(Path image, Patch... patches) throws IOException {
        for (Patch p : patches) {
            p.applyTo(image);
        }
    }

    /** A mapfile of an image of {@code size} bytes, all finished but {@code length} bad-sector bytes at {@code at}. */
    private static Path mapfile(Path file, long size, long at, long length) throws IOException {
        List<StatusBlock> blocks = new ArrayList<>();
        blocks.add(new StatusBlock(0, at, BlockStatus.FINISHED));
        blocks.add(new StatusBlock(at, length, BlockStatus.BAD_SECTOR));
        blocks.add(new StatusBlock(at + length, size - at - length, BlockStatus.FINISHED));
        Mapfile m = new Mapfile(BlockMap.of(blocks));
        Files.writeString(file, MapfileWriter.toText(m, new MapfileHeader("test", "test", "2026-12-07 00:00:00",
                null)), StandardCharsets.ISO_8859_1);
        return file;
    }

    /** Every byte of {@code out} its mapfile marks finished equals the volume extracted from the pristine image. */
    private void assertFinishedBytesAreTrue(Path out, String volume) throws Exception {
        Path truth = shared.resolve(volume.replace('/', '-') + ".truth");
        byte[] a = Files.readAllBytes(out);
        byte[] b = Files.readAllBytes(truth);
        assertThat(a.length).isEqualTo(b.length);
        for (StatusBlock s : MapfileReader.read(Path.of(out + ".map"), null).blocks()) {
            if (s.status() == BlockStatus.FINISHED) {
                assertThat(Arrays.equals(a, (int) s.pos(), (int) s.end(), b, (int) s.pos(), (int) s.end()))
                        .as("%s bytes %d..%d marked finished", volume, s.pos(), s.end()).isTrue();
            }
        }
    }

    private static long notFinishedBytes(Path out) throws Exception {
        long n = 0;
        for (StatusBlock s : MapfileReader.read(Path.of(out + ".map"), null).blocks()) {
            n += s.status() == BlockStatus.FINISHED ? 0 : s.size();
        }
        return n;
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private static long seqno(FixtureStack stack) throws IOException {
        Matcher m = Pattern.compile("seqno = (\\d+)").matcher(stack.committedText());
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    static String bumpSeqno(String text) {
        Matcher m = Pattern.compile("seqno = (\\d+)").matcher(text);
        m.find();
        return text.substring(0, m.start(1)) + (Long.parseLong(m.group(1)) + 1) + text.substring(m.end(1));
    }

    /** {@code key = ...} of LV {@code lv}'s first segment set to {@code value}. */
    static String withDeviceId(String text, String lv, long value) {
        int at = text.indexOf("\n" + lv + " {");
        Matcher m = Pattern.compile("device_id = (\\d+)").matcher(text);
        m.find(at);
        return text.substring(0, m.start(1)) + value + text.substring(m.end(1));
    }

    static String withExtentCount(String text, String lv, long value) {
        int at = text.indexOf("\n" + lv + " {");
        Matcher m = Pattern.compile("extent_count = (\\d+)").matcher(text);
        m.find(at);
        return text.substring(0, m.start(1)) + value + text.substring(m.end(1));
    }

    static String withoutKey(String text, String lv, String key) {
        int at = text.indexOf("\n" + lv + " {");
        Matcher m = Pattern.compile("\n" + key + " = [^\n]*").matcher(text);
        m.find(at);
        return text.substring(0, m.start()) + text.substring(m.end());
    }
}
