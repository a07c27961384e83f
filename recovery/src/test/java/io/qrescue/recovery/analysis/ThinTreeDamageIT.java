package io.qrescue.recovery.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.qrescue.mapfile.BlockStatus;
import io.qrescue.mapfile.Mapfile;
import io.qrescue.mapfile.MapfileHeader;
import io.qrescue.mapfile.MapfileReader;
import io.qrescue.mapfile.MapfileWriter;
import io.qrescue.mapfile.StatusBlock;
import io.qrescue.recovery.source.FileImageSource;
import io.qrescue.recovery.stack.NamedImage;
import io.qrescue.recovery.vm.volume.VolumeFixtures;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pool big enough for internal mapping nodes: thin_restore writes metadata with 500 mappings for lv1 (shared in
 * part by its snapshot) into the tmeta LV of the md10-single fixture. Damage on the internal root and on one leaf
 * below it is checked against the key ranges read raw from the nodes and the mappings thin_dump prints; the
 * metadata domain file is read by ddrescuelog and covers every structure.
 */
@Tag("integration")
class ThinTreeDamageIT {

    @TempDir
    Path dir;

    private FixtureOracle oracle;
    private Path image;
    private Map<Long, TreeMap<Long, Long>> dumped;

    private static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", cmd) + ": " + out).isZero();
        return out;
    }

    private static boolean installed(String tool) {
        try {
            return new ProcessBuilder("sh", "-c", "command -v " + tool).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    @BeforeEach
    void buildPool() throws Exception {
        assumeTrue(installed("thin_restore") && installed("thin_dump") && installed("ddrescuelog"));
        oracle = new FixtureOracle("md10-single");
        image = VolumeFixtures.unpack("md10-single", "disk.img.gz", dir);
        // lv1: 500 blocks in 3 runs (more than one 4 KiB leaf holds); snap10001 shares the first 300 of them; lv2: 12 blocks of its own
        String xml = "<superblock uuid=\"\" time=\"1\" transaction=\"3\" flags=\"0\" version=\"2\" data_block_size=\"128\""
                + " nr_data_blocks=\"512\">\n"
                + " <device dev_id=\"1\" mapped_blocks=\"500\" transaction=\"0\" creation_time=\"0\" snap_time=\"1\">\n"
                + "  <range_mapping origin_begin=\"0\" data_begin=\"0\" length=\"200\" time=\"0\"/>\n"
                + "  <range_mapping origin_begin=\"300\" data_begin=\"200\" length=\"200\" time=\"0\"/>\n"
                + "  <range_mapping origin_begin=\"700\" data_begin=\"400\" length=\"100\" time=\"1\"/>\n"
                + " </device>\n"
                + " <device dev_id=\"2\" mapped_blocks=\"12\" transaction=\"1\" creation_time=\"0\" snap_time=\"0\">\n"
                + "  <range_mapping origin_begin=\"0\" data_begin=\"500\" length=\"12\" time=\"0\"/>\n"
                + " </device>\n"
                + " <device dev_id=\"3\" mapped_blocks=\"300\" transaction=\"2\" creation_time=\"1\" snap_time=\"1\">\n"
                + "  <range_mapping origin_begin=\"0\" data_begin=\"0\" length=\"200\" time=\"0\"/>\n"
                + "  <range_mapping origin_begin=\"300\" data_begin=\"200\" length=\"100\" time=\"0\"/>\n"
                + " </device>\n"
                + "</superblock>\n";
        Path x = dir.resolve("pool.xml");
        Files.writeString(x, xml);
        Path meta = dir.resolve("tmeta.bin");
        try (RandomAccessFile f = new RandomAccessFile(meta.toFile(), "rw")) {
            f.setLength(4L << 20); // the fixture's tmeta LV
        }
        run("thin_restore", "-i", x.toString(), "-o", meta.toString());
        dumped = FixtureOracle.parseMappings(run("thin_dump", meta.toString()));
        byte[] bytes = Files.readAllBytes(meta);
        try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "rw")) {
            f.seek(oracle.tmetaImageOffset(0));
            f.write(bytes);
        }
    }

    private StackAnalysis analyze(FileImageSource src) {
        return StackAnalysis.analyze(List.of(new NamedImage("disk", src)));
    }

    private static List<Impact> impacts(DamageReport r) {
        List<Impact> out = new ArrayList<>();
        r.regions().forEach(x -> out.addAll(x.impacts()));
        return out;
    }

    @Test
    void shouldNameTheVirtualRangeBehindAnInternalNodeAndBehindOneLeaf() throws Exception {
        try (FileImageSource src = FileImageSource.open(image)) {
            StackAnalysis a = analyze(src);
            assertThat(a.findings()).noneMatch(f -> f.severity().name().equals("ERROR"));
            long bs = 128 * 512;
            TreeMap<Long, Long> lv1 = dumped.get(1L);
            RawThinNodes raw = new RawThinNodes(src, oracle::tmetaImageOffset);
            long root = raw.deviceRoot(1);
            assertThat(raw.flags(root)).isEqualTo(RawThinNodes.INTERNAL);
            int children = raw.entries(root);
            assertThat(children).isGreaterThanOrEqualTo(2);
            long lastPlusOne = lv1.lastKey() + 1;

            DamageReport rootGone = DamageReport.of(a, List.of(DamageFixtures.badAt(FixtureOracle.IMAGE_BYTES,
                    new long[] {raw.imageOffsetOfBlock(root), 4096})));
            assertThat(impacts(rootGone)).singleElement().satisfies(i -> {
                assertThat(i.structure()).contains("mapping internal node of device 1");
                assertThat(i.volume()).isEqualTo("vg1/lv1");
                assertThat(i.volumeOffsetBytes()).isZero();
                assertThat(i.volumeLengthBytes()).isEqualTo(lastPlusOne * bs);
            });
            assertThat(rootGone.volume("vg1/lv1").readableMappedBytes()).isZero();
            assertThat(rootGone.volume("vg1/snap10001").readableBytes())
                    .isEqualTo(rootGone.volume("vg1/snap10001").sizeBytes());

            int c = children / 2;
            long leaf = raw.value(root, c);
            assertThat(raw.flags(leaf)).isEqualTo(RawThinNodes.LEAF);
            long from = raw.key(root, c);
            long to = c + 1 < children ? Math.min(raw.key(root, c + 1), lastPlusOne) : lastPlusOne;
            long mappedInside = lv1.subMap(from, to).size();
            DamageReport leafGone = DamageReport.of(a, List.of(DamageFixtures.badAt(FixtureOracle.IMAGE_BYTES,
                    new long[] {raw.imageOffsetOfBlock(leaf) + 4096 - 512, 512})));
            assertThat(impacts(leafGone)).singleElement().satisfies(i -> {
                assertThat(i.structure()).contains("mapping leaf of device 1");
                assertThat(i.volume()).isEqualTo("vg1/lv1");
                assertThat(i.volumeOffsetBytes()).isEqualTo(from * bs);
                assertThat(i.volumeLengthBytes()).isEqualTo((to - from) * bs);
                assertThat(i.cost()).startsWith("loses vg1/lv1 bytes ");
            });
            VolumeHealth h = leafGone.volume("vg1/lv1");
            assertThat(h.metadataLostBytes()).isEqualTo((to - from) * bs);
            assertThat(a.volume("vg1/lv1").mappedBytes()).isEqualTo(lv1.size() * bs);
            assertThat(h.readableMappedBytes()).isEqualTo((lv1.size() - mappedInside) * bs);
            assertThat(mappedInside).isPositive();
        }
    }

    @Test
    void shouldWriteADomainThatDdrescuelogReadsAndThatCoversEveryMetadataStructure() throws Exception {
        try (FileImageSource src = FileImageSource.open(image)) {
            StackAnalysis a = analyze(src);
            Path dom = dir.resolve("meta.domain");
            Files.writeString(dom, MapfileWriter.toText(new Mapfile(MetadataDomain.of(a, 0)),
                    new MapfileHeader("qrescue analyze", "test", "2026-11-27 10:00:00", null)), StandardCharsets.ISO_8859_1);
            String summary = run("ddrescuelog", "-t", dom.toString());
            long finished = 0;
            for (StatusBlock sb : MapfileReader.read(dom, null).blocks()) {
                if (sb.status() == BlockStatus.FINISHED) {
                    finished += sb.size();
                }
            }
            assertThat(summary).contains("rescued:");
            // ddrescuelog -l+ lists the finished 512-byte sectors: every structure's first sector must be among them
            String sectors = run("ddrescuelog", "-b", "512", "-l+", dom.toString());
            List<Long> listed = sectors.lines().filter(l -> !l.isBlank()).map(Long::parseLong).toList();
            assertThat((long) listed.size() * 512).isEqualTo(finished);
            RawThinNodes raw = new RawThinNodes(src, oracle::tmetaImageOffset);
            List<Long> structures = new ArrayList<>(List.of(0L, 512L, FixtureOracle.IMAGE_BYTES - 512,
                    oracle.pvImageOffset + 512, oracle.pvImageOffset + 4096, raw.imageOffsetOfBlock(0),
                    raw.imageOffsetOfBlock(raw.dataMappingRoot()), raw.imageOffsetOfBlock(raw.firstMetadataBitmap()),
                    raw.imageOffsetOfBlock(raw.metadataSpaceMapIndex())));
            long root = raw.deviceRoot(1);
            for (int i = 0; i < raw.entries(root); i++) {
                structures.add(raw.imageOffsetOfBlock(raw.value(root, i)));
            }
            long p3 = new io.qrescue.recovery.vm.volume.GptLayout(FixtureOracle.IMAGE_BYTES, 1).partition(3).offsetBytes();
            long superOffset = Long.parseLong(oracle.examineField("Super Offset").replace(" sectors", ""));
            structures.add(p3 + superOffset * 512);
            for (long s : structures) {
                assertThat(listed).as("sector of byte " + s).contains(s / 512);
            }
            // and nothing outside metadata: the data of lv1 is not in the domain
            long lv1Data = oracle.dataBlockImageOffset(dumped.get(1L).firstEntry().getValue());
            assertThat(listed).doesNotContain(lv1Data / 512);
        }
    }
}
