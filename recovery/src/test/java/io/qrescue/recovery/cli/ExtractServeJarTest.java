package io.qrescue.recovery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.mapfile.BlockStatus;
import io.qrescue.mapfile.Mapfile;
import io.qrescue.mapfile.MapfileHeader;
import io.qrescue.mapfile.MapfileWriter;
import io.qrescue.recovery.testing.RandomVolume;
import io.qrescue.recovery.testing.ToolRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar's {@code extract} and {@code serve} on a raw region of an image, checked by GNU ddrescuelog
 * (it reads the output mapfile and lists exactly the damaged sectors) and by nbdinfo/nbdcopy.
 */
@Tag("integration")
class ExtractServeJarTest {

    private static final Path JAR = Path.of("target/qrescue.jar").toAbsolutePath();
    private static final int OFFSET = 512 * 1000;
    private static final int LENGTH = 3 << 20;

    @TempDir
    Path dir;

    private RandomVolume source;

    @BeforeEach
    void writeImage() throws Exception {
        assertThat(JAR).as("the shaded jar is built in the package phase").exists();
        source = RandomVolume.generate(31, 4 << 20, 1 << 20, 512, false);
        Files.write(dir.resolve("disk.img"), source.image);
        Files.writeString(dir.resolve("disk.map"), MapfileWriter.toText(new Mapfile(source.damageMap),
                new MapfileHeader(MapfileHeader.RESCUE_CREATOR, "ddrescue", "2026-11-27 10:00:00", null)));
    }

    @Test
    void shouldWriteAMapfileThatDdrescuelogReadsWithExactlyTheDamagedSectors() throws Exception {
        ToolRun extract = ToolRun.run(dir, "java", "-jar", JAR.toString(), "extract", "disk.img", "--offset",
                String.valueOf(OFFSET), "--length", String.valueOf(LENGTH), "--map", "disk.map", "out.raw");
        assertThat(extract.exit()).as(extract.output()).isZero();
        assertThat(Files.readAllBytes(dir.resolve("out.raw")))
                .isEqualTo(Arrays.copyOfRange(source.image, OFFSET, OFFSET + LENGTH));

        ToolRun totals = ToolRun.run(dir, "ddrescuelog", "-t", "out.raw.map");
        assertThat(totals.exit()).as(totals.output()).isZero();
        assertThat(totals.output()).contains("current status: finished");

        ToolRun listed = ToolRun.run(dir, "ddrescuelog", "--list-blocks=?*/-", "-b", "512", "out.raw.map");
        assertThat(listed.exit()).as(listed.output()).isZero();
        assertThat(listed.output().lines().map(Long::parseLong).toList()).isEqualTo(damagedSectors());
        assertThat(damagedSectors()).as("the test region has damage").isNotEmpty();
    }

    @Test
    void shouldServeUntilStoppedAndRemoveItsSocket() throws Exception {
        Path socket = dir.resolve("s.sock");
        Process serve = new ProcessBuilder("java", "-jar", JAR.toString(), "serve", "disk.img", "--offset",
                String.valueOf(OFFSET), "--length", String.valueOf(LENGTH), "--socket", socket.toString())
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("serve.log").toFile())
                .start();
        try {
            for (int i = 0; i < 600 && !Files.exists(socket) && serve.isAlive(); i++) {
                Thread.sleep(100);
            }
            assertThat(socket).as(Files.readString(dir.resolve("serve.log"))).exists();
            String uri = "nbd+unix:///?socket=" + socket;
            assertThat(ToolRun.run(dir, "nbdinfo", "--size", uri).output().trim()).isEqualTo(String.valueOf(LENGTH));
            ToolRun copy = ToolRun.run(dir, "nbdcopy", uri, "copy.raw");
            assertThat(copy.exit()).as(copy.output()).isZero();
            assertThat(Files.readAllBytes(dir.resolve("copy.raw")))
                    .isEqualTo(Arrays.copyOfRange(source.image, OFFSET, OFFSET + LENGTH));
        } finally {
            serve.destroy(); // SIGTERM: the shutdown hook closes the server
            assertThat(serve.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(socket).doesNotExist();
        assertThat(Files.readString(dir.resolve("serve.log"))).contains("serving region@" + OFFSET + "+" + LENGTH);
    }

    /** Sectors of the region that the image's mapfile does not mark finished (model, byte by byte). */
    private List<Long> damagedSectors() {
        BlockStatus[] imageStatus = RandomVolume.statusOf(source.damageMap, source.image.length);
        List<Long> sectors = new ArrayList<>();
        for (int sector = 0; sector < LENGTH / 512; sector++) {
            BlockStatus s = imageStatus[OFFSET + sector * 512];
            if (s != BlockStatus.FINISHED) {
                sectors.add((long) sector);
            }
        }
        return sectors;
    }
}
