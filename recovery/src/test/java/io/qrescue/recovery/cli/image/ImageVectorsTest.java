package io.qrescue.recovery.cli.image;

import io.qrescue.recovery.imaging.QrescueOptions;
import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.imager.rescue.RescueListener;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every golden vector of GNU ddrescue 1.27 in test mode, run through the {@code qrescue image} command line
 * with the vector's own arguments: same exit code, same mapfile (comments aside), same reads-log lines, and
 * an image whose finished blocks hold the source's bytes.
 */
@Tag("integration")
class ImageVectorsTest {

    private static final Path VECTORS = Path.of(System.getProperty("qrescue.shared", "/work/shared"))
            .resolve("vectors/ddrescue-1.27");
    private static final int SOURCE_SIZE = 64 << 20;

    @TempDir
    static Path common;

    @TempDir
    Path work;

    @BeforeAll
    static void makeSource() throws IOException {
        byte[] data = new byte[SOURCE_SIZE];
        new Random(64).nextBytes(data);
        Files.write(common.resolve("src64m.bin"), data);
    }

    static Stream<String> vectors() throws IOException {
        try (Stream<Path> dirs = Files.list(VECTORS)) {
            return dirs.map(p -> p.getFileName().toString())
                    .filter(n -> n.matches("e\\d\\d_.*") && !n.contains("nondeterministic"))
                    .sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void shouldReproduceTheVectorThroughTheCommandLine(String name) throws IOException {
        Path vector = VECTORS.resolve(name);
        Files.createDirectories(work.resolve("common"));
        Files.createLink(work.resolve("common/src64m.bin"), common.resolve("src64m.bin")); // a hard link: read-only use, no copy
        Files.copy(vector.resolve("testmap.map"), work.resolve("testmap.map"));
        List<Path> steps = new ArrayList<>();
        if (Files.exists(vector.resolve("cmd.txt"))) {
            steps.add(vector);
        } else {
            for (int i = 1; Files.isDirectory(vector.resolve("step" + i)); i++) {
                steps.add(vector.resolve("step" + i));
                Files.createDirectories(work.resolve("step" + i));
            }
        }
        for (Path step : steps) {
            String[] words = Files.readString(step.resolve("cmd.txt")).trim().split("\\s+");
            String[] args = Arrays.copyOfRange(words, 1, words.length);
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = ImageRunner.run("qrescue image", new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(), new PrintStream(err, true, StandardCharsets.UTF_8), work, QrescueOptions.NONE, args);

            String label = name + "/" + step.getFileName();
            assertThat(code).as(label + " exit code; stderr: " + err).isEqualTo(
                    Integer.parseInt(Files.readString(step.resolve("exit_code.txt")).trim()));
            assertThat(dataLines(work.resolve("map.map"))).as(label + " mapfile")
                    .isEqualTo(dataLines(step.resolve("result.stripped.map")));
            Path readsLog = work.resolve(step == vector ? "reads.log" : step.getFileName() + "/reads.log");
            assertThat(dataLines(readsLog)).as(label + " reads log").isEqualTo(dataLines(step.resolve("reads.log")));
        }
        assertFinishedBytesMatchSource(work.resolve("map.map"), work.resolve("out.bin"));
    }

    private static List<String> dataLines(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.ISO_8859_1).stream()
                .filter(l -> !l.startsWith("#") && !l.isBlank()).toList();
    }

    private void assertFinishedBytesMatchSource(Path map, Path image) throws IOException {
        Mapfile mapfile;
        try {
            mapfile = MapfileReader.read(map, null);
        } catch (io.qrescue.mapfile.MapfileException e) {
            throw new AssertionError(e.getMessage(), e);
        }
        byte[] source = Files.readAllBytes(common.resolve("src64m.bin"));
        try (RandomAccessFile out = new RandomAccessFile(image.toFile(), "r")) {
            for (StatusBlock sb : mapfile.blocks()) {
                byte[] got = new byte[(int) sb.size()];
                out.seek(sb.pos());
                int n = out.read(got);
                byte[] want = Arrays.copyOfRange(source, (int) sb.pos(), (int) sb.end());
                if (sb.status() == BlockStatus.FINISHED) {
                    assertThat(n).isEqualTo(got.length);
                    assertThat(Arrays.equals(got, want)).as("finished bytes at 0x%X", sb.pos()).isTrue();
                } else if (n > 0) {
                    // bad areas are never written: a fresh image holds zeros there
                    assertThat(Arrays.equals(Arrays.copyOf(got, n), new byte[n])).as("unwritten 0x%X", sb.pos()).isTrue();
                }
            }
        }
    }
}
