package io.qrescue.recovery.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.mapfile.BlockMap;
import io.qrescue.mapfile.BlockStatus;
import io.qrescue.mapfile.MapfileHeader;
import io.qrescue.mapfile.StatusBlock;
import io.qrescue.recovery.files.ByteRange;
import io.qrescue.recovery.files.DamagedFile;
import io.qrescue.recovery.files.E2fsTools;
import io.qrescue.recovery.files.Ext4FileExtractor;
import io.qrescue.recovery.files.Ext4ImpactAnalyzer;
import io.qrescue.recovery.files.FileImpact;
import io.qrescue.recovery.source.Damage;
import io.qrescue.recovery.source.Extent;
import io.qrescue.recovery.source.FileImageSource;
import io.qrescue.recovery.source.Readability;
import io.qrescue.recovery.source.RescuedImage;
import io.qrescue.recovery.stack.NamedImage;
import io.qrescue.recovery.stack.Placement;
import io.qrescue.recovery.stack.md.MdArraySource;
import io.qrescue.recovery.stack.md.MemberUse;
import io.qrescue.recovery.stack.md.ParityLayout;
import io.qrescue.recovery.volume.ExtractionListener;
import io.qrescue.recovery.volume.ExtractionRequest;
import io.qrescue.recovery.volume.VolumeCatalog;
import io.qrescue.recovery.volume.VolumeExtractor;
import io.qrescue.recovery.volume.VolumeLocation;
import io.qrescue.recovery.vm.volume.PayloadFiles;
import io.qrescue.recovery.vm.volume.VolumeFixtures;
import io.qrescue.recovery.vm.volume.VolumeGenerator;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad sectors on the members of the RAID5 and RAID6 thin fixtures (made by the real mdadm, LVM, dm-thin and ext4),
 * their bytes zeroed in the images as a rescue leaves them: where the array can rebuild them (RAID5: one member per
 * stripe, RAID6: two), every file of every volume comes back sha256-identical and nothing is lost, the thin metadata
 * included; with two RAID5 members bad in the same stripe, exactly the files on the lost bytes are named, with the
 * byte ranges that differ inside them. Needs debugfs.
 */
@Tag("integration")
class MdArrayDamageIT {

    private static final int BAD = 4096;

    @TempDir
    Path dir;

    /** Member images, one bad list (image offsets) each: zeroed in the files, '-' in the maps. */
    private List<Readability> spoil(List<Path> members, List<List<Long>> bad) throws Exception {
        List<Readability> maps = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            long size = Files.size(members.get(i));
            List<StatusBlock> blocks = new ArrayList<>();
            long at = 0;
            for (long b : bad.get(i).stream().sorted().toList()) {
                if (b > at) {
                    blocks.add(new StatusBlock(at, b - at, BlockStatus.FINISHED));
                }
                blocks.add(new StatusBlock(b, BAD, BlockStatus.BAD_SECTOR));
                try (RandomAccessFile f = new RandomAccessFile(members.get(i).toFile(), "rw")) {
                    f.seek(b);
                    f.write(new byte[BAD]);
                }
                at = b + BAD;
            }
            blocks.add(new StatusBlock(at, size - at, BlockStatus.FINISHED));
            maps.add(Readability.of(BlockMap.of(blocks)));
        }
        return maps;
    }

    private static StackAnalysis analyze(List<Path> members, List<Readability> maps) throws Exception {
        List<NamedImage> named = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            String name = members.get(i).getFileName().toString();
            named.add(new NamedImage(name, RescuedImage.of(name, FileImageSource.open(members.get(i)),
                    maps == null ? Readability.allReadable() : maps.get(i))));
        }
        return StackAnalysis.analyze(named);
    }

    private static MdArraySource array(StackAnalysis a) {
        return a.stack().arrays().get(0).source();
    }

    /** The image place {imageIndex, offset} of the data copy of array byte {@code arrayOffset}. */
    private static long[] dataPlace(MdArraySource array, long arrayOffset) {
        for (MdArraySource.ImagePiece p : array.imagePieces(arrayOffset, 1)) {
            if (p.kind() == MemberUse.Kind.DATA) {
                return new long[] {p.imageIndex(), p.imageOffset()};
            }
        }
        throw new IllegalStateException("no data copy of array byte " + arrayOffset);
    }

    /** Array offsets of volume {@code name}'s data blocks (block starts), in volume order. */
    private static List<Long> dataBlocks(StackAnalysis a, String name) {
        Placement p = a.volume(name).placements().get(0);
        List<Long> out = new ArrayList<>();
        for (Extent e : p.toImage().extents()) {
            for (long x = 0; !e.isHole() && x < e.length(); x += 64 * 1024) {
                out.add(e.physicalStart() + x);
            }
        }
        return out;
    }

    private static long stripe(MdArraySource array, long arrayOffset) {
        ParityLayout p = (ParityLayout) array.layout();
        return arrayOffset / (p.chunkBytes() * p.dataDisks());
    }

    @Test
    void shouldGiveBackEveryFileWithBadSectorsOnTwoRaid5MembersInDifferentStripes() throws Exception {
        List<Path> members = VolumeFixtures.unpackAll("md10-raid5", dir);
        StackAnalysis healthy = analyze(members, null);
        MdArraySource md = array(healthy);
        // one bad sector on the thin pool's superblock (tmeta block 0), one under lv1's data in another stripe on
        // another member
        long tmeta = healthy.pools().get(0).node().tmeta().placements().get(0).toImage().lookup(0, 1).get(0)
                .physicalStart();
        long[] first = dataPlace(md, tmeta);
        long second = -1;
        long[] secondPlace = null;
        for (long block : dataBlocks(healthy, "vg1/lv1")) {
            long[] place = dataPlace(md, block + 8192);
            if (place[0] != first[0] && stripe(md, block) != stripe(md, tmeta)) {
                second = block + 8192;
                secondPlace = place;
                break;
            }
        }
        assertThat(secondPlace).isNotNull();
        List<List<Long>> bad = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        bad.get((int) first[0]).add(first[1]);
        bad.get((int) secondPlace[0]).add(secondPlace[1]);
        assertEveryFileBack("md10-raid5", members, spoil(members, bad), second);
    }

    @Test
    void shouldGiveBackEveryFileWithBadSectorsOnThreeRaid6MembersAtMostTwoPerStripe() throws Exception {
        List<Path> members = VolumeFixtures.unpackAll("md12-raid6", dir);
        StackAnalysis healthy = analyze(members, null);
        MdArraySource md = array(healthy);
        long tmeta = healthy.pools().get(0).node().tmeta().placements().get(0).toImage().lookup(0, 1).get(0)
                .physicalStart();
        // the tmeta superblock's stripe: its data member and its P member both bad (two in one stripe)
        List<MdArraySource.ImagePiece> row = md.imagePieces(tmeta, 1);
        List<List<Long>> bad = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            bad.add(new ArrayList<>());
        }
        Set<Integer> used = new HashSet<>();
        for (MdArraySource.ImagePiece p : row.subList(0, 2)) {
            bad.get(p.imageIndex()).add(p.imageOffset());
            used.add(p.imageIndex());
        }
        // a third member bad under lv2's data, in another stripe
        long third = -1;
        for (long block : dataBlocks(healthy, "vg1/lv2")) {
            long[] place = dataPlace(md, block + 4096);
            if (!used.contains((int) place[0]) && stripe(md, block) != stripe(md, tmeta)) {
                bad.get((int) place[0]).add(place[1]);
                third = block + 4096;
                break;
            }
        }
        assertThat(third).isNotNegative();
        assertThat(bad.stream().filter(l -> !l.isEmpty()).count()).isEqualTo(3);
        assertEveryFileBack("md12-raid6", members, spoil(members, bad), third);
    }

    /** Nothing lost, every volume whole, every file of the oracle back with its sha256. */
    private void assertEveryFileBack(String fixture, List<Path> members, List<Readability> maps, long healedArrayByte)
            throws Exception {
        StackAnalysis a = analyze(members, maps);
        DamageReport report = DamageReport.of(a, maps);
        assertThat(report.regions()).hasSize(maps.stream().mapToInt(r -> r.damagedBlocks().size()).sum());
        for (DamagedRegion r : report.regions()) {
            assertThat(r.costsSomething()).as(r.toString()).isFalse();
        }
        assertThat(report.regions()).flatExtracting(DamagedRegion::impacts)
                .anySatisfy(i -> assertThat(i.cost()).contains("rebuilt from"));
        for (VolumeHealth h : report.volumes()) {
            assertThat(h.readableBytes()).as(h.volume()).isEqualTo(h.sizeBytes());
        }
        assertThat(array(a).damageIn(healedArrayByte, BAD)).isEmpty();
        Map<String, String> oracle = oracleSums(fixture);
        VolumeCatalog catalog = StackVolumeCatalog.of(a);
        for (VolumeLocation v : catalog.volumes()) {
            Path image = dir.resolve(v.name().replace('/', '-') + ".img");
            var result = new VolumeExtractor().extract(v.source(), request(image), ExtractionListener.NONE);
            assertThat(result.damage()).as(v.name()).isEmpty();
            Map<String, String> files = copyFiles(image, dir.resolve(v.name().replace('/', '-')), List.of());
            Map<String, String> want = new TreeMap<>();
            oracle.forEach((path, sha) -> {
                if (path.startsWith(v.name() + "/")) {
                    want.put(path.substring(v.name().length() + 1), sha);
                }
            });
            assertThat(files).as(v.name()).isEqualTo(want);
        }
    }

    @Test
    void shouldNameExactlyTheFilesOnBytesLostOnTwoRaid5MembersInOneStripe() throws Exception {
        List<Path> members = VolumeFixtures.unpackAll("md10-raid5", dir);
        StackAnalysis healthy = analyze(members, null);
        MdArraySource md = array(healthy);
        ParityLayout layout = (ParityLayout) md.layout();
        // the stripe row of an lv1 data block: the same 4 KiB of both of its data chunks bad
        long block = dataBlocks(healthy, "vg1/lv1").get(20);
        long s = stripe(md, block);
        long within = block % layout.chunkBytes() + 4096;
        ParityLayout.Stripe st = layout.stripe(s);
        List<List<Long>> bad = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        List<Long> lostArray = new ArrayList<>();
        for (int i = 0; i < layout.dataDisks(); i++) {
            int role = st.data()[i];
            MdArraySource.Member m = md.member(role);
            bad.get(m.imageIndex()).add(m.imageOffset() + s * layout.chunkBytes() + within);
            lostArray.add((s * layout.dataDisks() + i) * layout.chunkBytes() + within);
        }
        List<Readability> maps = spoil(members, bad);
        StackAnalysis a = analyze(members, maps);
        for (long x : lostArray) {
            assertThat(array(a).damageIn(x, BAD)).extracting(Damage::length).containsExactly((long) BAD);
        }
        DamageReport report = DamageReport.of(a, maps);
        assertThat(report.regions()).anyMatch(DamagedRegion::costsSomething);
        Map<String, byte[]> payload = VolumeGenerator.expectedFiles(PayloadFiles.forSeed(1));
        Set<String> named = new TreeSet<>();
        Set<String> changed = new TreeSet<>();
        for (VolumeLocation v : StackVolumeCatalog.of(a).volumes()) {
            Path image = dir.resolve(v.name().replace('/', '-') + ".img");
            var result = new VolumeExtractor().extract(v.source(), request(image), ExtractionListener.NONE);
            List<ByteRange> damaged = result.damage().stream().map(d -> new ByteRange(d.offset(), d.length()))
                    .toList();
            FileImpact impact = new Ext4ImpactAnalyzer(new E2fsTools()).analyze(image, damaged);
            Map<String, List<ByteRange>> ranges = new TreeMap<>();
            for (DamagedFile f : impact.files()) {
                String path = v.name() + "/" + f.displayPath().replaceFirst("^/", "");
                named.add(path);
                ranges.put(path, f.damagedRanges());
            }
            Map<String, byte[]> copied = copyFileBytes(image, dir.resolve(v.name().replace('/', '-')), impact);
            for (Map.Entry<String, byte[]> e : copied.entrySet()) {
                String path = v.name() + "/" + e.getKey();
                byte[] want = payload.get(path);
                if (want == null || java.util.Arrays.equals(want, e.getValue())) {
                    continue;
                }
                changed.add(path);
                // every differing byte lies in a range the impact names, and every named range has one
                List<ByteRange> r = ranges.getOrDefault(path, List.of());
                for (int i = 0; i < want.length; i++) {
                    if (want[i] != e.getValue()[i]) {
                        int at = i;
                        assertThat(r).as(path + " byte " + i).anyMatch(x -> x.offsetBytes() <= at
                                && at < x.offsetBytes() + x.lengthBytes());
                    }
                }
                for (ByteRange x : r) {
                    boolean differs = false;
                    for (long i = x.offsetBytes(); i < Math.min(want.length, x.offsetBytes() + x.lengthBytes()); i++) {
                        differs |= want[(int) i] != e.getValue()[(int) i];
                    }
                    assertThat(differs).as(path + " range " + x).isTrue();
                }
            }
        }
        assertThat(changed).isNotEmpty();
        assertThat(named).isEqualTo(changed);
    }

    private static ExtractionRequest request(Path image) {
        return new ExtractionRequest(image, ExtractionRequest.defaultMapfile(image), new MapfileHeader("test", "test",
                "2026-12-07 00:00:00", null), true, ExtractionRequest.DEFAULT_CHUNK_BYTES);
    }

    /** "vg1/lv1/path" → sha256, from the fixture's files.sha256. */
    private static Map<String, String> oracleSums(String fixture) {
        Map<String, String> out = new TreeMap<>();
        for (String line : VolumeFixtures.oracle(fixture, "files.sha256").lines().toList()) {
            out.put(line.substring(66), line.substring(0, 64));
        }
        return out;
    }

    /** The files of an ext4 volume image, copied with debugfs: path → sha256. */
    private static Map<String, String> copyFiles(Path image, Path out, List<ByteRange> damage) throws Exception {
        Map<String, String> sums = new TreeMap<>();
        copyFileBytes(image, out, new Ext4ImpactAnalyzer(new E2fsTools()).analyze(image, damage))
                .forEach((p, b) -> sums.put(p, PayloadFiles.sha256(b)));
        return sums;
    }

    /** The regular files of an ext4 volume image, copied with debugfs: path → bytes (lost+found left out). */
    private static Map<String, byte[]> copyFileBytes(Path image, Path out, FileImpact impact) throws Exception {
        var copied = new Ext4FileExtractor(new E2fsTools()).extract(image, out, impact);
        Map<String, byte[]> files = new TreeMap<>();
        try (var walk = Files.walk(copied.filesDir())) {
            for (Path f : walk.filter(Files::isRegularFile).toList()) {
                files.put(copied.filesDir().relativize(f).toString(), Files.readAllBytes(f));
            }
        }
        return files;
    }
}
