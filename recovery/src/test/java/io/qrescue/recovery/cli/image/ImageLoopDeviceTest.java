package io.qrescue.recovery.cli.image;

import io.qrescue.recovery.imaging.QrescueOptions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.qrescue.mapfile.BlockStatus;
import io.qrescue.mapfile.Mapfile;
import io.qrescue.mapfile.MapfileException;
import io.qrescue.mapfile.MapfileReader;
import io.qrescue.mapfile.StatusBlock;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code qrescue image -d [-D] /dev/loopN out map} in this JVM: a finished map and the device's bytes. */
@Tag("integration")
@EnabledOnOs(OS.LINUX)
class ImageLoopDeviceTest {

    private static final Path LOSETUP = Path.of("/usr/sbin/losetup");
    private static final int SIZE = (16 << 20) + (12 << 10); // not a multiple of the default 64 KiB cluster

    @TempDir
    Path work;

    private String loop;

    @BeforeEach
    void requireLoopDevices() {
        assumeTrue("root".equals(System.getProperty("user.name")), "loop devices need root");
        assumeTrue(Files.isExecutable(LOSETUP), "losetup is not installed at " + LOSETUP);
    }

    @AfterEach
    void detach() throws IOException {
        if (loop != null) {
            run(LOSETUP.toString(), "-d", loop);
        }
    }

    @ParameterizedTest(name = "{0}-byte sectors, direct output {1}")
    @CsvSource({"512, false", "4096, false", "512, true"})
    void shouldImageALoopDeviceWithDirectInput(int sectorSize, boolean directOutput)
            throws IOException, MapfileException {
        byte[] data = new byte[SIZE];
        new Random(sectorSize).nextBytes(data);
        Path image = Files.write(work.resolve("disk.img"), data);
        loop = run(LOSETUP.toString(), "-f", "--show", "-r", "--direct-io=on", "--sector-size",
                Integer.toString(sectorSize), image.toString()).strip();

        String[] args = directOutput ? new String[] {"-d", "-D", "-b" + sectorSize, loop, "out.bin", "map.map"}
                : new String[] {"-d", "-b" + sectorSize, loop, "out.bin", "map.map"};
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ImageRunner.run("qrescue image", new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(), new PrintStream(err, true, StandardCharsets.UTF_8), work, QrescueOptions.NONE, args);

        assertThat(code).as("exit code; stderr: " + err).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain("O_DIRECT refused");
        Mapfile map = MapfileReader.read(work.resolve("map.map"), null);
        assertThat(map.blocks().toList()).containsExactly(new StatusBlock(0, SIZE, BlockStatus.FINISHED));
        assertThat(Arrays.equals(Files.readAllBytes(work.resolve("out.bin")), data)).as("image equals device")
                .isTrue();
    }

    private static String run(String... command) throws IOException {
        Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        try {
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + out);
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
