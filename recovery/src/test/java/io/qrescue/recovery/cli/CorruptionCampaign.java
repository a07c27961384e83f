package io.qrescue.recovery.cli;

import io.qrescue.mapfile.BlockMap;
import io.qrescue.mapfile.BlockStatus;
import io.qrescue.mapfile.StatusBlock;
import io.qrescue.recovery.analysis.DamageReport;
import io.qrescue.recovery.analysis.FixtureOracle;
import io.qrescue.recovery.analysis.StackAnalysis;
import io.qrescue.recovery.analysis.StackVolumeCatalog;
import io.qrescue.recovery.source.Damage;
import io.qrescue.recovery.source.DamageKind;
import io.qrescue.recovery.source.Extent;
import io.qrescue.recovery.source.FileImageSource;
import io.qrescue.recovery.source.ImageSource;
import io.qrescue.recovery.source.MappedSource;
import io.qrescue.recovery.source.Readability;
import io.qrescue.recovery.source.RescuedImage;
import io.qrescue.recovery.stack.NamedImage;
import io.qrescue.recovery.stack.thin.BlockKind;
import io.qrescue.recovery.stack.thin.BlockRole;
import io.qrescue.recovery.testing.FixtureStack;
import io.qrescue.recovery.testing.PatchedImage;
import io.qrescue.recovery.testing.PatchedImage.Patch;
import io.qrescue.recovery.volume.DamageSummary;
import io.qrescue.recovery.volume.VolumeCatalog;
import io.qrescue.recovery.volume.VolumeLocation;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test-only: a seeded corruption campaign over the committed fixture images (real md, LVM and dm-thin metadata,
 * upstream and QNAP layouts), in one JVM. Each case corrupts the metadata of one pristine image as failing disks
 * and buggy writers do (bit flips, overwritten or zeroed runs, sectors a mapfile marks bad, checksum-valid field
 * edits the kernel's checks catch, a precommitted LVM slot, a truncated image), then reads the stack as every
 * command does ({@link StackAnalysis}, both renderings, the damage report, {@link StackVolumeCatalog}) and applies
 * extract's rule ({@link DamageSummary}). Oracle: the volumes read from the pristine images, which
 * {@link #checkTruth} checks against the placement lvm2 and thin_dump recorded when the fixture was made. A case is silently
 * wrong when a volume would be extracted with exit 0 while a byte its output map marks finished differs from the
 * truth; an internal error is any exception escaping, or a case that does not end within the time limit.
 */
final class CorruptionCampaign {

    /** How long one case may take before it counts as a hang. */
    static final long CASE_TIMEOUT_SECONDS = 60;

    /** A fixture: its pristine images, their layout (image 0) and the true volumes. */
    record Fixture(String name, List<ImageSource> images, FixtureStack layout, Map<String, MappedSource> truth) {
    }

    /**
     * One corruption: {@code patches} on image {@code image}, byte ranges {@code [offset, offset + length)} of it
     * a mapfile marks bad ({@code bad}), and the image's size cut to {@code size} (-1: whole).
     */
    record Case(String kind, String where, int image, List<Patch> patches, List<long[]> bad, long size) {
    }

    /** What the campaign saw, by kind of corruption. */
    static final class Counts {
        final Map<String, int[]> byKind = new TreeMap<>();
        int cases;
        int volumesChecked;
        int exit0Clean;
        int exit0Marked;
        int exit2;
        int notReadable;
        int missing;
        int silentlyWrong;
        int wrongButFailed;
        /** Volumes exit 2 saved: wrong bytes would be marked finished had the doubts been ignored. */
        int wrongIfDoubtsIgnored;
        int internalErrors;
        final List<String> failures = new ArrayList<>();
        final List<String> missingExamples = new ArrayList<>();

        void kind(String kind) {
            byKind.computeIfAbsent(kind, k -> new int[1])[0]++;
        }

        void fail(String what) {
            if (failures.size() < 40) {
                failures.add(what);
            }
        }

        @Override
        public String toString() {
            return cases + " cases, " + volumesChecked + " volume reads: " + exit0Clean + " exit 0 with a clean map, "
                    + exit0Marked + " exit 0 with unreadable bytes marked, " + exit2 + " exit 2 (unknown bytes marked), "
                    + notReadable + " volume not readable (exit 2), " + missing + " volume not found (exit 1); silently"
                    + " wrong " + silentlyWrong
                    + ", wrong bytes marked finished under exit 2 " + wrongButFailed + ", would have been wrong had"
                    + " the doubts been ignored " + wrongIfDoubtsIgnored + ", internal errors "
                    + internalErrors + "; kinds " + byKind.entrySet().stream().map(e -> e.getKey() + "="
                    + e.getValue()[0]).toList();
        }
    }

    private CorruptionCampaign() {
    }

    /** The pristine images (read without a mapfile), their layout and the true volumes. */
    static Fixture fixture(String name, List<Path> files) throws IOException {
        List<ImageSource> images = new ArrayList<>();
        for (Path f : files) {
            images.add(FileImageSource.open(f));
        }
        StackAnalysis pristine = StackAnalysis.analyze(named(images, List.of()));
        Map<String, MappedSource> truth = new TreeMap<>();
        for (VolumeLocation v : StackVolumeCatalog.of(pristine).volumes()) {
            if (!v.source().damageIn(0, v.sizeBytes()).isEmpty()) {
                throw new IllegalStateException(name + ": pristine " + v.name() + " has damage");
            }
            truth.put(v.name(), v.source());
        }
        return new Fixture(name, images, FixtureStack.of(images.get(0)), truth);
    }

    /**
     * Throws unless every thin volume the fixture's oracle lists is among the true volumes and equals the volume as
     * lvm2 and thin_dump placed it when the fixture was made ({@link FixtureOracle}), read from {@code image} (image 0
     * of the fixture, unpatched): the truth the campaign compares with is the real tools' truth.
     */
    static void checkTruth(Fixture fixture, FixtureOracle oracle, Path image) throws IOException {
        for (String lv : oracle.thinVolumes()) {
            MappedSource truth = fixture.truth().get("vg1/" + lv);
            if (truth == null) {
                throw new IllegalStateException(fixture.name() + ": pristine vg1/" + lv + " not found");
            }
            byte[] want = oracle.thinVolumeBytes(image, lv);
            ByteBuffer got = ByteBuffer.allocate(want.length);
            truth.read(0, got);
            if (truth.size() != want.length || Arrays.mismatch(got.array(), want) >= 0) {
                throw new IllegalStateException(fixture.name() + ": pristine vg1/" + lv + " differs from the oracle's"
                        + " (first differing byte " + Arrays.mismatch(got.array(), want) + ")");
            }
        }
    }

    private static List<NamedImage> named(List<ImageSource> images, List<Readability> maps) {
        List<NamedImage> out = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            String n = "disk" + i + ".img";
            out.add(new NamedImage(n, RescuedImage.of(n, images.get(i), i < maps.size() ? maps.get(i)
                    : Readability.allReadable())));
        }
        return out;
    }

    /** Runs {@code cases} seeded cases on {@code fixture}, adding to {@code counts}. */
    static void run(Fixture fixture, long seed, int cases, Counts counts) throws Exception {
        Random r = new Random(seed);
        ExecutorService worker = Executors.newSingleThreadExecutor(t -> {
            Thread th = new Thread(t, "campaign-" + fixture.name());
            th.setDaemon(true);
            return th;
        });
        try {
            for (int i = 0; i < cases; i++) {
                long caseSeed = r.nextLong();
                Case c;
                try {
                    c = generate(fixture, new Random(caseSeed));
                } catch (IOException | RuntimeException e) {
                    throw new IllegalStateException(fixture.name() + " seed " + caseSeed + ": cannot make a case", e);
                }
                counts.cases++;
                counts.kind(c.kind());
                Future<?> f = worker.submit(() -> {
                    check(fixture, c, caseSeed, counts);
                    return null;
                });
                try {
                    f.get(CASE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    f.cancel(true);
                    counts.internalErrors++;
                    counts.fail(describe(fixture, c, caseSeed) + ": no answer within " + CASE_TIMEOUT_SECONDS + " s");
                    worker.shutdownNow();
                    worker = Executors.newSingleThreadExecutor();
                } catch (java.util.concurrent.ExecutionException e) {
                    counts.internalErrors++;
                    counts.fail(describe(fixture, c, caseSeed) + ": " + e.getCause());
                }
            }
        } finally {
            worker.shutdownNow();
        }
    }

    private static String describe(Fixture f, Case c, long seed) {
        return f.name() + " seed " + seed + " " + c.kind() + " (" + c.where() + ")";
    }

    /** Reads the corrupted stack as the commands do and compares every volume with the truth. */
    private static void check(Fixture fixture, Case c, long seed, Counts counts) throws IOException {
        List<ImageSource> images = new ArrayList<>(fixture.images());
        images.set(c.image(), new PatchedImage(images.get(c.image()), c.patches(), c.size() < 0 ? Long.MAX_VALUE
                : c.size()));
        List<Readability> maps = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            maps.add(i == c.image() && !c.bad().isEmpty() ? Readability.of(badMap(images.get(i).size(), c.bad()))
                    : Readability.allReadable());
        }
        List<NamedImage> named = named(images, maps);
        StackAnalysis analysis = StackAnalysis.analyze(named);
        DamageReport report = c.bad().isEmpty() ? null : DamageReport.of(analysis, maps);
        AnalysisText.render(analysis, report);
        AnalysisJson.render(analysis, report);
        VolumeCatalog catalog = StackVolumeCatalog.of(analysis);
        for (Map.Entry<String, MappedSource> t : fixture.truth().entrySet()) {
            counts.volumesChecked++;
            Optional<VolumeLocation> found = catalog.find(t.getKey());
            if (found.isEmpty()) {
                // extract exits 2 naming the problem, or 1 when nothing says the name was lost: never a wrong byte
                if (catalog.problem(t.getKey()).isPresent() || catalog.volumes().isEmpty()) {
                    counts.notReadable++; // (an empty catalog: the factory refuses the image as corrupt input)
                } else {
                    counts.missing++;
                    if (counts.missingExamples.size() < 10) {
                        counts.missingExamples.add(describe(fixture, c, seed) + ": " + t.getKey());
                    }
                }
                continue;
            }
            MappedSource got = found.get().source();
            List<Damage> damage = got.damageIn(0, got.size());
            DamageSummary summary = DamageSummary.of(damage);
            long wrong = wrongFinishedBytes(t.getValue(), got, damage, c);
            if (summary.hasUnknown()) {
                counts.exit2++;
                // what a command blind to doubts (as every command was before issue 12) would have handed out
                List<Damage> unreadableOnly = damage.stream().filter(d -> d.kind() != DamageKind.UNKNOWN).toList();
                if (wrongFinishedBytes(t.getValue(), got, unreadableOnly, c) > 0) {
                    counts.wrongIfDoubtsIgnored++;
                }
                if (wrong > 0) {
                    counts.wrongButFailed++;
                    counts.fail(describe(fixture, c, seed) + ": " + t.getKey() + " exit 2 but " + wrong
                            + " wrong bytes marked finished");
                }
            } else {
                if (damage.isEmpty()) {
                    counts.exit0Clean++;
                } else {
                    counts.exit0Marked++;
                }
                if (wrong > 0) {
                    counts.silentlyWrong++;
                    counts.fail(describe(fixture, c, seed) + ": " + t.getKey() + " SILENTLY WRONG: exit 0, " + wrong
                            + " wrong bytes marked finished" + (damage.isEmpty() ? ", clean map" : ""));
                }
            }
        }
    }

    private static BlockMap badMap(long size, List<long[]> bad) {
        List<StatusBlock> blocks = new ArrayList<>();
        long cursor = 0;
        List<long[]> sorted = new ArrayList<>(bad);
        sorted.sort((a, b) -> Long.compare(a[0], b[0]));
        for (long[] b : sorted) {
            long s = Math.max(cursor, b[0]);
            long e = Math.min(size, b[0] + b[1]);
            if (s >= e) {
                continue;
            }
            if (s > cursor) {
                blocks.add(new StatusBlock(cursor, s - cursor, BlockStatus.FINISHED));
            }
            blocks.add(new StatusBlock(s, e - s, b.length > 2 && b[2] == 1 ? BlockStatus.NON_TRIED
                    : BlockStatus.BAD_SECTOR));
            cursor = e;
        }
        if (cursor < size) {
            blocks.add(new StatusBlock(cursor, size - cursor, BlockStatus.FINISHED));
        }
        return BlockMap.of(blocks);
    }

    /**
     * Bytes of {@code got} outside {@code damage} (what the output map marks finished) that differ from the truth.
     * Runs that both maps place at the same offset of the same, unpatched, image are equal without reading them.
     */
    static long wrongFinishedBytes(MappedSource truth, MappedSource got, List<Damage> damage, Case c)
            throws IOException {
        if (truth.size() != got.size()) {
            return Math.max(truth.size(), got.size()); // a different size is wrong wherever it is marked finished
        }
        long wrong = 0;
        long cursor = 0;
        List<long[]> finished = new ArrayList<>();
        for (Damage d : damage) {
            if (d.offset() > cursor) {
                finished.add(new long[] {cursor, d.offset()});
            }
            cursor = Math.max(cursor, d.end());
        }
        if (cursor < got.size()) {
            finished.add(new long[] {cursor, got.size()});
        }
        for (long[] f : finished) {
            for (Extent g : got.map().lookup(f[0], f[1] - f[0])) {
                for (Extent t : truth.map().lookup(g.logicalStart(), g.length())) {
                    Extent gg = g.clipLogical(t.logicalStart(), t.logicalEnd());
                    if (gg.isHole() && t.isHole()) {
                        continue;
                    }
                    if (!gg.isHole() && !t.isHole() && gg.physicalStart() == t.physicalStart() && sameImage(truth, got)
                            && (imageIndex(got.lower()) != c.image() || !touchesPatch(c, gg.physicalStart(),
                            gg.length()))) {
                        continue;
                    }
                    wrong += differingBytes(truth, got, gg.logicalStart(), gg.length());
                }
            }
        }
        return wrong;
    }

    /** True when both sources read the same image, so equal offsets hold equal bytes unless a patch is there. */
    private static boolean sameImage(MappedSource truth, MappedSource got) {
        int index = imageIndex(got.lower());
        return index >= 0 && index == imageIndex(truth.lower());
    }

    /** The index of a campaign image ("disk3.img" is 3), -1 for any other source. */
    private static int imageIndex(ImageSource s) {
        return s instanceof RescuedImage ri && ri.name().matches("disk\\d+\\.img")
                ? Integer.parseInt(ri.name().replaceAll("\\D", "")) : -1;
    }

    private static boolean touchesPatch(Case c, long at, long length) {
        for (Patch p : c.patches()) {
            if (p.offset() < at + length && p.end() > at) {
                return true;
            }
        }
        return c.size() >= 0 && at + length > c.size();
    }

    private static long differingBytes(MappedSource a, MappedSource b, long from, long length) throws IOException {
        long wrong = 0;
        ByteBuffer x = ByteBuffer.allocate(1 << 20);
        ByteBuffer y = ByteBuffer.allocate(1 << 20);
        for (long at = from; at < from + length; ) {
            int n = (int) Math.min(x.capacity(), from + length - at);
            x.clear().limit(n);
            y.clear().limit(n);
            a.read(at, x);
            b.read(at, y);
            if (Arrays.mismatch(x.array(), 0, n, y.array(), 0, n) >= 0) {
                for (int i = 0; i < n; i++) {
                    if (x.array()[i] != y.array()[i]) {
                        wrong++;
                    }
                }
            }
            at += n;
        }
        return wrong;
    }

    // ---- cases

    private static final String[] KINDS = {
        "flip", "flip", "flip", "random-run", "zero-sector", "bad-sector", "bad-sector", "thin-node-field",
        "thin-node-field", "thin-pointer", "thin-mapping-past-pool", "lvm-key-deleted", "lvm-precommitted",
        "md-field", "qnap-superblock", "truncated"};

    /** Structures a case may hit, weighted by how much of the stack depends on them. */
    private enum Target { GPT, MD, LVM_LABEL, MDA_HEADER, LVM_TEXT, THIN_SUPERBLOCK, THIN_NODE, THIN_OTHER }

    static Case generate(Fixture f, Random r) throws IOException {
        FixtureStack s = f.layout();
        String kind = KINDS[r.nextInt(KINDS.length)];
        if (kind.startsWith("qnap") && s.thin().blockSizeBytes() != 8192) {
            kind = "thin-node-field";
        }
        if (kind.equals("md-field") && s.mdSuperblock < 0) {
            kind = "flip";
        }
        switch (kind) {
            case "flip": {
                long[] region = region(s, Target.values()[r.nextInt(Target.values().length)], r);
                long at = region[0] + (long) (r.nextDouble() * region[1]);
                List<Patch> p = new ArrayList<>(List.of(s.flip(at, r.nextInt(8))));
                if (r.nextBoolean()) {
                    p.add(s.flip(Math.min(region[0] + region[1] - 1, at + 1 + r.nextInt(16)), r.nextInt(8)));
                }
                return new Case(kind, where(s, at), 0, p, List.of(), -1);
            }
            case "random-run": {
                long[] region = region(s, Target.values()[r.nextInt(Target.values().length)], r);
                int len = 1 + r.nextInt((int) Math.min(512, region[1]));
                long at = region[0] + (long) (r.nextDouble() * (region[1] - len + 1));
                byte[] b = new byte[len];
                r.nextBytes(b);
                return new Case(kind, where(s, at), 0, List.of(new Patch(at, b)), List.of(), -1);
            }
            case "zero-sector": {
                long[] region = region(s, Target.values()[r.nextInt(Target.values().length)], r);
                long at = (region[0] + (long) (r.nextDouble() * region[1])) / 512 * 512;
                return new Case(kind, where(s, at), 0, List.of(new Patch(at, new byte[512])), List.of(), -1);
            }
            case "bad-sector": {
                long[] region = r.nextInt(4) == 0 ? data(s, r) : region(s, Target.values()[r.nextInt(
                        Target.values().length)], r);
                long at = (region[0] + (long) (r.nextDouble() * region[1])) / 512 * 512;
                long len = 512L << r.nextInt(5);
                return new Case(kind, where(s, at), 0, List.of(), List.<long[]>of(new long[] {at, len,
                        r.nextInt(3) == 0 ? 1 : 0}), -1);
            }
            case "thin-node-field":
                return nodeField(s, r);
            case "thin-pointer":
                return pointer(s, r);
            case "thin-mapping-past-pool":
                return pastPool(s, r);
            case "lvm-key-deleted": {
                String text = s.committedText();
                List<int[]> keys = new ArrayList<>();
                Matcher m = Pattern.compile("\n[a-z_]+ = [^\n]*").matcher(text);
                while (m.find()) {
                    keys.add(new int[] {m.start(), m.end()});
                }
                int[] k = keys.get(r.nextInt(keys.size()));
                String line = text.substring(k[0] + 1, k[1]);
                return new Case(kind, line, 0, s.rewriteCommitted(t -> t.substring(0, k[0]) + t.substring(k[1])),
                        List.of(), -1);
            }
            case "lvm-precommitted": {
                UnaryOperator<String> edit = t -> {
                    String bumped = NeverSilentlyWrongTest.bumpSeqno(t);
                    Matcher m = Pattern.compile("device_id = (\\d+)").matcher(bumped);
                    return m.find() ? bumped.substring(0, m.start(1)) + (Long.parseLong(m.group(1)) + 1)
                            + bumped.substring(m.end(1)) : bumped;
                };
                return new Case(kind, "raw_locn 1", 0, s.precommitted(edit), List.of(), -1);
            }
            case "md-field": {
                int[] fields = {72, 80, 88, 92, 128, 136, 144, 160, 200};
                int off = fields[r.nextInt(fields.length)];
                byte[] sb = s.read(s.mdSuperblock, 4096);
                ByteBuffer b = ByteBuffer.wrap(sb).order(ByteOrder.LITTLE_ENDIAN);
                if (off == 72 || off == 88 || off == 92 || off == 160) {
                    b.putInt(off, b.getInt(off) + (r.nextBoolean() ? 1 : -1) * (1 + r.nextInt(8)));
                } else {
                    b.putLong(off, b.getLong(off) + (r.nextBoolean() ? 1 : -1) * (1L << r.nextInt(12)));
                }
                long maxDev = b.getInt(220) & 0xffffffffL;
                b.putInt(216, (int) mdChecksum(sb, (int) (256 + 2 * Math.min(maxDev, 1920))));
                return new Case(kind, "md superblock +" + off, 0, List.of(new Patch(s.mdSuperblock, sb)), List.of(),
                        -1);
            }
            case "qnap-superblock":
                return qnap(s, r);
            case "truncated": {
                long[] region = region(s, Target.values()[r.nextInt(Target.values().length)], r);
                long at = region[0] + (long) (r.nextDouble() * region[1]);
                return new Case(kind, where(s, at), 0, List.of(), List.of(), at);
            }
            default:
                throw new IllegalStateException(kind);
        }
    }

    /** {@code {offset, length}} of a structure on image 0. */
    private static long[] region(FixtureStack s, Target t, Random r) throws IOException {
        switch (t) {
            case GPT:
                return r.nextBoolean() ? new long[] {512, 92} : new long[] {1024, 128 * 4};
            case MD:
                return s.mdSuperblock < 0 ? new long[] {s.pvStart + 512, 512} : new long[] {s.mdSuperblock, 256 + 4};
            case LVM_LABEL:
                return new long[] {s.pvStart + 512, 512};
            case MDA_HEADER:
                return new long[] {s.mdaHeader, 512};
            case LVM_TEXT:
                return new long[] {s.mdaHeader + s.committed.offsetBytes(), s.committed.sizeBytes() - 1};
            case THIN_SUPERBLOCK:
                return new long[] {s.tmetaBlock(0), r.nextInt(3) == 0 ? s.thin().blockSizeBytes() : 512};
            case THIN_NODE: {
                long b = liveBlock(s, r, true);
                return new long[] {s.tmetaBlock(b), s.thin().blockSizeBytes()};
            }
            default: {
                long b = liveBlock(s, r, false);
                return new long[] {s.tmetaBlock(b), s.thin().blockSizeBytes()};
            }
        }
    }

    /** Somewhere in the pool's data (the tdata LV) or a volume's bytes: data, not metadata. */
    private static long[] data(FixtureStack s, Random r) {
        var tdata = s.pool.node().data().get(0).placements().get(0).toImage();
        List<Extent> pieces = tdata.lookup(0, tdata.logicalSize());
        Extent e = pieces.get(r.nextInt(pieces.size()));
        return new long[] {e.physicalStart(), e.length()};
    }

    /** A live metadata block: a mapping-tree node ({@code mapping}) or any other live block. */
    private static long liveBlock(FixtureStack s, Random r, boolean mapping) {
        List<Long> candidates = new ArrayList<>();
        for (Map.Entry<Long, List<BlockRole>> e : s.liveBlocks().entrySet()) {
            BlockKind k = e.getValue().get(0).kind();
            boolean isMapping = k == BlockKind.DEVICE_LEAF || k == BlockKind.DEVICE_INTERNAL
                    || k == BlockKind.TOP_LEVEL_LEAF || k == BlockKind.TOP_LEVEL_INTERNAL;
            if (isMapping == mapping && e.getKey() > 0) {
                candidates.add(e.getKey());
            }
        }
        if (candidates.isEmpty()) {
            return 0;
        }
        return candidates.get(r.nextInt(candidates.size()));
    }

    private static String where(FixtureStack s, long at) {
        if (s.tmeta != null && at >= s.tmeta.physicalStart() && at < s.tmeta.physicalStart() + s.tmeta.length()) {
            long block = (at - s.tmeta.physicalStart()) / s.thin().blockSizeBytes();
            List<BlockRole> roles = s.thin().liveBlocks().rolesOf(block);
            return "tmeta block " + block + " " + (roles.isEmpty() ? "unused" : roles.get(0).kind());
        }
        if (s.mdSuperblock >= 0 && at >= s.mdSuperblock && at < s.mdSuperblock + 4096) {
            return "md superblock";
        }
        if (at >= s.pvStart + 512 && at < s.pvStart + 1024) {
            return "LVM label";
        }
        if (at >= s.mdaHeader && at < s.mdaHeader + 512) {
            return "mda header";
        }
        if (at >= s.mdaHeader && at < s.mdaHeader + s.mdaSize) {
            return "LVM metadata area";
        }
        return at < 34 * 512 ? "GPT" : "image byte " + at;
    }

    /** A checksum-valid btree node with one header field or key the kernel's checks reject. */
    private static Case nodeField(FixtureStack s, Random r) throws IOException {
        long block = liveBlock(s, r, r.nextInt(4) > 0);
        int field = r.nextInt(6);
        Patch p = s.thinBlock(block, b -> {
            ByteBuffer x = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
            switch (field) {
                case 0 -> x.putLong(8, x.getLong(8) + 1);                 // blocknr
                case 1 -> x.putInt(4, 3 + r.nextInt(5));                  // flags
                case 2 -> x.putInt(16, x.getInt(20) + 1 + r.nextInt(9));  // nr_entries past max_entries
                case 3 -> x.putInt(20, x.getInt(20) * 4);                 // max_entries too large for the block
                case 4 -> x.putInt(24, x.getInt(24) + 8);                 // value_size
                default -> {                                               // keys out of order
                    int nr = x.getInt(16);
                    if (nr >= 2) {
                        long k0 = x.getLong(32);
                        x.putLong(32, x.getLong(40));
                        x.putLong(40, k0);
                    } else {
                        x.putLong(8, x.getLong(8) + 1);
                    }
                }
            }
        }, isSpaceMapBlock(s, block) ? null : FixtureStack.BTREE_SALT);
        return new Case("thin-node-field", "tmeta block " + block + " field " + field, 0, List.of(p), List.of(), -1);
    }

    private static boolean isSpaceMapBlock(FixtureStack s, long block) {
        BlockKind k = s.thin().liveBlocks().rolesOf(block).get(0).kind();
        return k == BlockKind.METADATA_SM_BITMAP || k == BlockKind.METADATA_SM_INDEX || k == BlockKind.DATA_SM_BITMAP
                || k == BlockKind.TIER_SM_BITMAP;
    }

    /** A checksum-valid internal node whose child pointer names block 0, a block past the device, or itself. */
    private static Case pointer(FixtureStack s, Random r) throws IOException {
        List<Long> internal = new ArrayList<>(s.blocksOf(BlockKind.DEVICE_INTERNAL, -1));
        internal.addAll(s.blocksOf(BlockKind.TOP_LEVEL_INTERNAL, -1));
        internal.addAll(s.blocksOf(BlockKind.TOP_LEVEL_LEAF, -1));
        if (internal.isEmpty()) {
            return nodeField(s, r);
        }
        long block = internal.get(r.nextInt(internal.size()));
        int how = r.nextInt(3);
        Patch p = s.thinBlock(block, b -> {
            ByteBuffer x = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
            int nr = x.getInt(16);
            int max = x.getInt(20);
            int i = r.nextInt(Math.max(1, nr));
            long v = switch (how) {
                case 0 -> 0;
                case 1 -> s.thin().deviceBlocks() + r.nextInt(1000);
                default -> block;
            };
            x.putLong(32 + 8 * max + 8 * i, v);
        }, FixtureStack.BTREE_SALT);
        return new Case("thin-pointer", "tmeta block " + block + " pointer " + how, 0, List.of(p), List.of(), -1);
    }

    /** A checksum-valid mapping leaf one of whose mappings names a data block past the pool's. */
    private static Case pastPool(FixtureStack s, Random r) throws IOException {
        List<Long> leaves = s.blocksOf(BlockKind.DEVICE_LEAF, -1);
        long block = leaves.get(r.nextInt(leaves.size()));
        long nrData = s.thin().superblock().dataSpaceMap().nrBlocks();
        Patch p = s.thinBlock(block, b -> {
            ByteBuffer x = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
            int nr = x.getInt(16);
            int max = x.getInt(20);
            int i = r.nextInt(Math.max(1, nr));
            long v = x.getLong(32 + 8 * max + 8 * i);
            x.putLong(32 + 8 * max + 8 * i, (nrData + r.nextInt(1 << 20)) << 24 | (v & 0xFFFFFF));
        }, FixtureStack.BTREE_SALT);
        return new Case("thin-mapping-past-pool", "tmeta block " + block, 0, List.of(p), List.of(), -1);
    }

    /** QNAP: the superblock replaced by a placeholder, its checksum broken, and some backup slots damaged. */
    private static Case qnap(FixtureStack s, Random r) throws IOException {
        int bs = s.thin().blockSizeBytes();
        long n = s.thin().deviceBlocks();
        List<Patch> patches = new ArrayList<>();
        List<long[]> bad = new ArrayList<>();
        if (r.nextBoolean()) {
            byte[] placeholder = new byte[bs];
            ByteBuffer.wrap(placeholder).order(ByteOrder.LITTLE_ENDIAN).putLong(32, 27022010L)
                    .putInt(0, FixtureStack.checksum(placeholder, FixtureStack.SUPERBLOCK_SALT));
            patches.add(new Patch(s.tmetaBlock(0), placeholder));
        } else {
            patches.add(s.flip(s.tmetaBlock(0) + r.nextInt(400), r.nextInt(8)));
        }
        int slots = r.nextInt(4);
        for (int i = 0; i < slots; i++) {
            long slot = n - 1 - r.nextInt(6);
            if (r.nextBoolean()) {
                patches.add(s.flip(s.tmetaBlock(slot) + r.nextInt(bs), r.nextInt(8)));
            } else {
                bad.add(new long[] {s.tmetaBlock(slot), bs});
            }
        }
        return new Case("qnap-superblock", slots + " backup slots hit", 0, patches, bad, -1);
    }

    /** mdadm's 1.x superblock checksum over {@code len} bytes, sb_csum (at 216) counted as zero. */
    private static long mdChecksum(byte[] b, int len) {
        long sum = 0;
        ByteBuffer x = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int i = 0;
        for (; i + 4 <= len; i += 4) {
            sum += i == 216 ? 0 : x.getInt(i) & 0xffffffffL;
        }
        if (len - i == 2) {
            sum += x.getShort(i) & 0xffff;
        }
        return ((sum & 0xffffffffL) + (sum >>> 32)) & 0xffffffffL;
    }
}
