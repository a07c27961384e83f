package io.qrescue.recovery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.recovery.analysis.StackAnalysis;
import io.qrescue.recovery.source.FileImageSource;
import io.qrescue.recovery.stack.NamedImage;
import io.qrescue.recovery.stack.thin.BlockKind;
import io.qrescue.recovery.stack.thin.ThinDumpXml;
import io.qrescue.recovery.stack.thin.ThinMetadata;
import io.qrescue.recovery.vm.volume.VolumeFixtures;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code qrescue thin dump} and {@code analyze} on the md10-single fixture, intact and with the pool's top-level leaf
 * zeroed. Oracle: the real thin_dump of the pool, captured in the appliance when the fixture was made.
 */
class ThinDumpCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private Path image;
    private String oracle;

    @BeforeEach
    void unpack() throws Exception {
        image = VolumeFixtures.unpack("md10-single", "disk.img.gz", dir);
        oracle = VolumeFixtures.oracle("md10-single", "thin_dump-tp1.xml");
    }

    private int run(String... args) {
        return Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    @Test
    void shouldWriteWhatThinDumpWrites() {
        assertThat(run("thin", "dump", image.toString(), "--pool", "vg1/tp1")).isZero();
        assertThat(out.toString()).isEqualTo(oracle);
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void shouldRefuseDamagedMetadataAndRepairItWhenAsked() throws Exception {
        zeroTopLevelLeaf();
        assertThat(run("thin", "dump", image.toString(), "--pool", "vg1/tp1")).isEqualTo(2);
        assertThat(err.toString()).contains("vg1/tp1: the metadata is damaged").contains("--repair");
        assertThat(out.toString()).isEmpty();

        Path xml = dir.resolve("repaired.xml");
        // lv1 and its snapshot have the same mapped count: the few blocks where their trees differ are marked
        assertThat(run("thin", "dump", image.toString(), "--pool", "vg1/tp1", "--repair", "-o", xml.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("ranges not verified");
        String repaired = Files.readString(xml);
        assertThat(repaired).contains("<!-- qrescue: ", "ambiguous");
        ThinDumpXml got = ThinDumpXml.parse(repaired);
        ThinDumpXml want = ThinDumpXml.parse(oracle);
        assertThat(got.devices.keySet()).isEqualTo(want.devices.keySet());
        for (long dev : want.mappings.keySet()) {
            assertThat(got.mappings.get(dev).keySet()).isEqualTo(want.mappings.get(dev).keySet());
            want.mappings.get(dev).forEach((v, m) -> assertThat(got.mappings.get(dev).get(v)).as("device %d block %d",
                    dev, v).containsExactly(m));
        }
    }

    @Test
    void shouldSayPerVolumeWhatItsMappingWasRebuiltFrom() throws Exception {
        zeroTopLevelLeaf();
        assertThat(run("analyze", image.toString())).isZero();
        assertThat(out.toString()).contains("pool tp1: chunk 64 KiB, metadata DAMAGED, salvaged from 4096-byte blocks",
                "vg1/lv2: thin, 32 MiB, device 2",
                "rebuilt from orphaned root at block 51 (its mapped-block count alone matches the device's details)"
                        + " (confidence high)",
                "(confidence medium); 6 virtual blocks ambiguous", "unknown 384 KiB (vg1/tp1: thin mapping ambiguous");
        out.getBuffer().setLength(0);
        assertThat(run("analyze", image.toString(), "--json")).isZero();
        assertThat(out.toString()).contains("\"salvage\":{\"superblock\":\"primary superblock\"",
                "\"salvaged\":{\"summary\":", "\"confidence\":\"high\"", "\"unknown\":[{\"offsetBytes\":0,");
    }

    @Test
    void shouldExtractAVolumeRebuiltFromAnOrphanedRootWithTheKernelsFiles() throws Exception {
        zeroTopLevelLeaf();
        Path files = dir.resolve("lv2-files");
        assertThat(run("extract", image.toString(), dir.resolve("lv2.img").toString(), "--volume", "vg1/lv2",
                "--files", files.toString(), "-q")).as(err.toString()).isZero();
        // every file as the appliance's kernel read it from the intact pool, by sha256
        String sums = Files.readString(files.resolve("SHA256SUMS"));
        List<String> kernel = VolumeFixtures.oracle("md10-single", "guest-lv2.sha256").lines().toList();
        assertThat(kernel).isNotEmpty();
        for (String line : kernel) {
            String hash = line.substring(0, 64);
            String name = line.substring(line.indexOf("./") + 2);
            assertThat(sums).as(name).containsPattern(hash + " .*" + java.util.regex.Pattern.quote(name));
        }
        // nothing of it in doubt: every block of the output's map is finished
        List<String[]> blocks = Files.readAllLines(dir.resolve("lv2.img.map")).stream().filter(l -> !l.startsWith("#"))
                .map(l -> l.trim().split("\\s+")).filter(f -> f.length == 3 && !f[2].matches("\\d+")).toList();
        assertThat(blocks).isNotEmpty().allSatisfy(f -> assertThat(f[2]).isEqualTo("+"));
    }

    @Test
    void shouldNameAPoolThatIsNotThere() {
        assertThat(run("thin", "dump", image.toString(), "--pool", "vg1/nope")).isEqualTo(2);
        assertThat(err.toString()).contains("no thin pool vg1/nope").contains("vg1/tp1");
    }

    /** Zeroes the pool's top-level leaf in the image (found by reading the intact stack). */
    private void zeroTopLevelLeaf() throws Exception {
        long at;
        int bs;
        try (FileImageSource src = FileImageSource.open(image)) {
            StackAnalysis a = StackAnalysis.analyze(List.of(new NamedImage("disk", src)));
            long tmeta = a.pools().get(0).node().tmeta().placements().get(0).imageOffsetOf(0); // on the member
            ThinMetadata md = a.pools().get(0).metadata();
            bs = md.blockSizeBytes();
            long leaf = md.liveBlocks().all().entrySet().stream()
                    .filter(e -> e.getValue().get(0).kind() == BlockKind.TOP_LEVEL_LEAF).findFirst().orElseThrow()
                    .getKey();
            at = tmeta + leaf * bs;
        }
        try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "rw")) {
            f.seek(at);
            f.write(new byte[bs]);
        }
    }
}
