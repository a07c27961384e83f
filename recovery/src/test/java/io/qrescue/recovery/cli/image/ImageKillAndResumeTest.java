package io.qrescue.recovery.cli.image;

import io.qrescue.recovery.imaging.QrescueOptions;
import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.mapfile.BlockStatus;
import io.qrescue.mapfile.Mapfile;
import io.qrescue.mapfile.MapfileReader;
import io.qrescue.mapfile.StatusBlock;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resume after anything: {@code qrescue image} killed with SIGKILL at 20 random moments and resumed each time
 * ends with the map of an uninterrupted run and a correct image, and never claims unwritten data in between;
 * a rescue started by GNU ddrescue is finished by qrescue and the other way round.
 */
@Tag("integration")
class ImageKillAndResumeTest {

    private static final Path JAR = Path.of("target/qrescue.jar");
    private static final Path VECTORS = Path.of(System.getProperty("qrescue.shared", "/work/shared"))
            .resolve("vectors/ddrescue-1.27");

    @TempDir
    Path dir;

    private byte[] source;

    @BeforeEach
    void writeSource() throws IOException {
        source = new byte[64 << 20];
        new Random(20).nextBytes(source);
        Files.write(dir.resolve("src.bin"), source);
        Files.copy(VECTORS.resolve("common/testmap_main.map"), dir.resolve("testmap.map"));
    }

    @Test
    void shouldEndAsAnUninterruptedRunAfterTwentyKills() throws Exception {
        assertThat(JAR).as("the shaded jar is built in the package phase").exists();
        assertThat(runInProcess("-H", "testmap.map", "src.bin", "ref.bin", "ref.map")).isZero();

        Random random = new Random(2026);
        int killedMidRun = 0;
        for (int kill = 0; kill < 20; kill++) {
            // -Z keeps the run slow (about 4 MB/s) so that every kill lands inside it; the map is saved every second
            Process child = new ProcessBuilder("java", "-jar", JAR.toAbsolutePath().toString(), "image", "-q",
                    "-Z", "4Mi", "--mapfile-interval=1", "-H", "testmap.map", "src.bin", "out.bin", "out.map")
                    .directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("child.log").toFile()).start();
            Thread.sleep(400 + random.nextInt(1600));
            if (child.isAlive()) {
                killedMidRun++;
            }
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            if (Files.exists(dir.resolve("out.map"))) {
                assertNoUnwrittenDataClaimed(dir.resolve("out.map"), dir.resolve("out.bin"));
            }
        }
        assertThat(runInProcess("-H", "testmap.map", "src.bin", "out.bin", "out.map")).isZero();

        assertThat(killedMidRun).as("kills that interrupted a running rescue").isEqualTo(20);
        assertThat(dataLines(dir.resolve("out.map"))).isEqualTo(dataLines(dir.resolve("ref.map")));
        assertNoUnwrittenDataClaimed(dir.resolve("out.map"), dir.resolve("out.bin"));
    }

    @Test
    void shouldSaveTheMapAndEndAsKilledByTheSignalWhenTerminated() throws Exception {
        // SIGTERM is handled as ddrescue handles SIGINT and SIGHUP (a test cannot rely on SIGINT: shells
        // start background jobs with it ignored)
        Process child = new ProcessBuilder("java", "-jar", JAR.toAbsolutePath().toString(), "image", "-Z", "4Mi",
                "-H", "testmap.map", "src.bin", "out.bin", "out.map")
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile())
                .start();
        // kill once the child has written some data (a busy machine may take seconds to get there), not after a
        // fixed time
        Path written = dir.resolve("out.bin");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!(Files.exists(written) && Files.size(written) > 0) && child.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(child.isAlive()).as("still rescuing once data was written (-Z keeps it slow)").isTrue();
        Process kill = new ProcessBuilder("kill", "-TERM", Long.toString(child.pid())).start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(child.exitValue()).as("128 + SIGTERM, like ddrescue re-raising the signal").isEqualTo(143);
        assertThat(Files.readString(dir.resolve("child.log"))).contains("Interrupted by user");
        Mapfile saved = MapfileReader.read(dir.resolve("out.map"), null);
        assertThat(saved.blocks().toList()).anyMatch(b -> b.status() == BlockStatus.FINISHED);
        assertThat(saved.blocks().toList()).anyMatch(b -> b.status() == BlockStatus.NON_TRIED);
        assertNoUnwrittenDataClaimed(dir.resolve("out.map"), dir.resolve("out.bin"));
    }

    @Test
    void shouldFinishARescueThatGnuDdrescueStartedAndTheOtherWayRound() throws Exception {
        assertThat(gnu("-H", "testmap.map", "src.bin", "gnu.bin", "gnu.map")).isZero();

        // GNU ddrescue stops after 20 read errors, qrescue resumes from its mapfile
        assertThat(gnu("-X20", "-H", "testmap.map", "src.bin", "a.bin", "a.map")).isEqualTo(1);
        assertThat(runInProcess("-H", "testmap.map", "src.bin", "a.bin", "a.map")).isZero();
        assertThat(dataLines(dir.resolve("a.map"))).isEqualTo(dataLines(dir.resolve("gnu.map")));
        assertNoUnwrittenDataClaimed(dir.resolve("a.map"), dir.resolve("a.bin"));

        // qrescue stops, GNU ddrescue resumes from qrescue's mapfile
        assertThat(runInProcess("-X20", "-H", "testmap.map", "src.bin", "b.bin", "b.map")).isEqualTo(1);
        assertThat(gnu("-H", "testmap.map", "src.bin", "b.bin", "b.map")).isZero();
        assertThat(dataLines(dir.resolve("b.map"))).isEqualTo(dataLines(dir.resolve("gnu.map")));
        assertNoUnwrittenDataClaimed(dir.resolve("b.map"), dir.resolve("b.bin"));
    }

    private int runInProcess(String... args) {
        return ImageRunner.run("qrescue image", new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), dir, QrescueOptions.NONE, args);
    }

    private int gnu(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ddrescue", "-q"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("gnu.log").toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return p.exitValue();
    }

    private static List<String> dataLines(Path map) throws IOException {
        return Files.readAllLines(map, StandardCharsets.ISO_8859_1).stream().filter(l -> !l.startsWith("#")).toList();
    }

    /** Every block the map calls finished holds the source's bytes in the image. */
    private void assertNoUnwrittenDataClaimed(Path map, Path image) throws Exception {
        Mapfile mapfile = MapfileReader.read(map, null);
        try (RandomAccessFile out = new RandomAccessFile(image.toFile(), "r")) {
            for (StatusBlock sb : mapfile.blocks()) {
                if (sb.status() != BlockStatus.FINISHED || sb.size() == 0) {
                    continue;
                }
                byte[] got = new byte[(int) sb.size()];
                out.seek(sb.pos());
                out.readFully(got);
                assertThat(Arrays.equals(got, Arrays.copyOfRange(source, (int) sb.pos(), (int) sb.end())))
                        .as("finished block at 0x%X holds the source's bytes", sb.pos()).isTrue();
            }
        }
    }
}
