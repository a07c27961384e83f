package io.qrescue.recovery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.mapfile.BlockMap;
import io.qrescue.mapfile.Mapfile;
import io.qrescue.mapfile.MapfileHeader;
import io.qrescue.mapfile.MapfileReader;
import io.qrescue.mapfile.MapfileWriter;
import io.qrescue.recovery.source.MappedSource;
import io.qrescue.recovery.testing.FakeVolumeCatalog;
import io.qrescue.recovery.testing.RandomVolume;
import io.qrescue.recovery.volume.VolumeCatalogException;
import io.qrescue.recovery.volume.VolumeCatalogFactory;
import io.qrescue.recovery.volume.VolumeLocation;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code qrescue extract} as a user runs it, with the stack scanner replaced by a fixed catalog. */
class ExtractCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private RandomVolume volume;
    private Path image;
    private Path map;

    @BeforeEach
    void writeImage() throws Exception {
        volume = RandomVolume.generate(77, 1 << 20, 2 << 20, 512, false);
        image = dir.resolve("disk.img");
        Files.write(image, volume.image);
        map = dir.resolve("disk.map");
        Files.writeString(map, MapfileWriter.toText(new Mapfile(volume.damageMap),
                new MapfileHeader(MapfileHeader.RESCUE_CREATOR, "ddrescue", "2026-11-27 10:00:00", null)));
    }

    private int run(VolumeCatalogFactory catalogs, String... args) {
        CommandLine cl = new CommandLine(new ExtractCommand(catalogs));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    private VolumeCatalogFactory fixed() {
        return images -> new FakeVolumeCatalog(
                new VolumeLocation("vg1/lv1", "thin", new MappedSource(images.get(0).source(), volume.extents)),
                VolumeLocation.region("vg1/lv2", images.get(0).source(), 0, 4096));
    }

    @Test
    void shouldExtractANamedVolumeAndMarkItsDamage() throws Exception {
        Path outFile = dir.resolve("lv1.raw");
        assertThat(run(fixed(), image.toString(), "--volume", "vg1/lv1", "--map", map.toString(), outFile.toString()))
                .as(err.toString()).isZero();

        assertThat(Files.readAllBytes(outFile)).isEqualTo(volume.expected);
        BlockMap written = MapfileReader.read(dir.resolve("lv1.raw.map"), null).blocks();
        assertThat(RandomVolume.statusOf(written, volume.expected.length)).isEqualTo(volume.expectedStatus);
        assertThat(out.toString()).contains("damaged: volume 0x").contains("extracted vg1/lv1 to " + outFile);
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void shouldExtractARawRegionWithoutAnyCatalog() throws Exception {
        Path outFile = dir.resolve("part.raw");
        assertThat(run(VolumeCatalogs.stackScanner(), image.toString(), "--offset", "1Ki", "--length", "0x2000",
                outFile.toString())).as(err.toString()).isZero();
        assertThat(Files.readAllBytes(outFile)).isEqualTo(Arrays.copyOfRange(volume.image, 1024, 1024 + 0x2000));
        assertThat(out.toString()).contains("no damaged bytes");
    }

    @Test
    void shouldSayInOneLineWhyNot() throws Exception {
        String o = dir.resolve("o.raw").toString();
        assertThat(run(fixed(), image.toString(), "--volume", "vg9/none", o)).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("qrescue: " + image + ": no volume named 'vg9/none'; volumes: vg1/lv1, vg1/lv2\n");
        err.getBuffer().setLength(0);

        assertError(run(images -> {
            throw new VolumeCatalogException("bad LVM label at offset 512", true);
        }, image.toString(), "--volume", "vg1/lv1", o), 2, "qrescue: " + image + ": bad LVM label at offset 512\n");
        assertError(run(VolumeCatalogs.stackScanner(), image.toString(), "--volume", "vg1/lv1", o), 2, "--offset");
        assertError(run(fixed(), image.toString(), "--offset", "0", "--length", "2Mi", o), 1, "past the image's end");
        assertError(run(fixed(), image.toString(), "--offset", "0", o), 1, "--offset and --length go together");
        assertError(run(fixed(), image.toString(), "--volume", "vg1/lv1", "--offset", "0", "--length", "1", o), 1,
                "either --volume");
        assertError(run(fixed(), image.toString(), "--offset", "zz", "--length", "1", o), 1, "zz");
        assertError(run(fixed(), dir.resolve("missing.img").toString(), "--offset", "0", "--length", "1", o), 1,
                "missing.img");
        Files.writeString(dir.resolve("bad.map"), "0 + 1\n0 0x100 +\n0x200 0x100 -\n");
        assertError(run(fixed(), image.toString(), "--volume", "vg1/lv1", "--map", dir.resolve("bad.map").toString(),
                o), 2, "bad.map");
        assertThat(dir.resolve("o.raw")).doesNotExist();
    }

    @Test
    void shouldNeverOverwriteWithoutForceNorEverTheImage() throws Exception {
        Path outFile = dir.resolve("lv2.raw");
        Files.writeString(outFile, "keep");
        assertError(run(fixed(), image.toString(), "--volume", "vg1/lv2", outFile.toString()), 1,
                "exists (use --force to replace it)");
        assertThat(Files.readString(outFile)).isEqualTo("keep");

        assertThat(run(fixed(), image.toString(), "--volume", "vg1/lv2", outFile.toString(), "--force")).isZero();
        assertThat(Files.readAllBytes(outFile)).isEqualTo(Arrays.copyOf(volume.image, 4096));

        assertError(run(fixed(), image.toString(), "--volume", "vg1/lv2", image.toString(), "--force"), 1,
                "is an input file");
        assertError(run(fixed(), image.toString(), "--volume", "vg1/lv2", "--map", map.toString(), "--out-map",
                map.toString(), dir.resolve("x.raw").toString(), "--force"), 1, "is an input file");
        assertThat(Files.readAllBytes(image)).isEqualTo(volume.image);
    }

    @Test
    void shouldBeRegisteredInMain() {
        CommandLine main = Main.commandLine(new PrintWriter(out), new PrintWriter(err));
        assertThat(main.getSubcommands()).containsKeys("extract", "serve");
    }

    private void assertError(int code, int expected, String message) {
        assertThat(code).as(err.toString()).isEqualTo(expected);
        assertThat(err.toString()).contains(message).startsWith("qrescue: ");
        assertThat(err.toString().lines()).hasSize(1);
        err.getBuffer().setLength(0);
    }
}
