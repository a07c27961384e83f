package io.qrescue.recovery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.mapfile.BlockMap;
import io.qrescue.mapfile.BlockStatus;
import io.qrescue.mapfile.Mapfile;
import io.qrescue.mapfile.MapfileHeader;
import io.qrescue.mapfile.MapfileWriter;
import io.qrescue.mapfile.RunStatus;
import io.qrescue.mapfile.StatusBlock;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code qrescue} launcher on the packaged jar, in a checkout of its own (launcher, jar, empty source
 * trees): it records a class-data-sharing archive that the JVM then uses, says nothing on stderr whether the
 * archive is fresh, stale, corrupt or missing, holds a million-block map in a small heap and, with too small a
 * heap, says so in one line, exit 1, the mapfile untouched.
 */
@Tag("integration")
class LauncherIT {

    private static final Path JAR = Path.of("target/qrescue.jar").toAbsolutePath();
    private static final Path LAUNCHER = Path.of("../qrescue").toAbsolutePath();
    private static final String SMALL_MAP = "0x10000 ? 1\n0 0x10000 +\n0x10000 0x1000 -\n0x11000 0xEF000 ?\n";

    @TempDir
    Path dir;

    private Path checkout;
    private Path archive;

    @BeforeEach
    void copyLauncherAndJar() throws IOException {
        assertThat(JAR).as("the shaded jar is built in the package phase").exists();
        checkout = dir.resolve("checkout");
        for (String sources : List.of("mapfile/src/main", "imager/src/main", "recovery/src/main")) {
            Files.createDirectories(checkout.resolve(sources)); // no source newer than the jar: no build
        }
        Files.createDirectories(checkout.resolve("recovery/target"));
        Files.copy(LAUNCHER, checkout.resolve("qrescue"));
        Files.copy(JAR, checkout.resolve("recovery/target/qrescue.jar"));
        archive = checkout.resolve("recovery/target/qrescue.jsa");
        Files.writeString(dir.resolve("small.map"), SMALL_MAP, StandardCharsets.ISO_8859_1);
    }

    @Test
    void shouldStartFromItsArchiveAndStayQuietWhenTheArchiveIsMissingStaleOrCorrupt() throws Exception {
        Run first = launch(Map.of(), "--version");
        assertThat(first.exit()).isZero();
        assertThat(first.stdout()).isEqualTo(Main.VERSION + "\n");
        assertThat(first.stderr()).isEmpty();
        assertThat(archive).as("recorded on first use").exists();
        try (var jna = Files.walk(checkout.resolve("recovery/target/qrescue-jna"))) {
            assertThat(jna.filter(p -> p.getFileName().toString().equals("libjnidispatch.so")))
                    .as("JNA's native library taken out of the jar once").hasSize(1);
        }

        Path classes = dir.resolve("classes.txt");
        Run summary = launch(Map.of("QRESCUE_JAVA_OPTS", "-Xlog:class+load:file=" + classes), "log", "-t", "small.map");
        assertThat(summary.exit()).isZero();
        assertThat(summary.stderr()).isEmpty();
        String expected = summary.stdout();
        assertThat(expected).contains("rescued:    65536 B,  in      1 area(s)");
        assertThat(Files.readString(classes)).as("qrescue's classes come from the archive")
                .contains("io.qrescue.recovery.cli.DdrescuelogTool source: shared objects file (top)")
                .contains("io.qrescue.mapfile.MapfileReader source: shared objects file (top)");

        // corrupt, but newer than the jar: the launcher keeps it and the JVM must not say that it cannot use it
        Files.write(archive, new byte[4096]);
        Run corrupt = launch(Map.of(), "log", "-t", "small.map");
        assertThat(corrupt.stdout()).isEqualTo(expected);
        assertThat(corrupt.stderr()).isEmpty();

        // a rebuilt jar: the archive is recorded again, silently
        FileTime before = Files.getLastModifiedTime(archive);
        Files.setLastModifiedTime(checkout.resolve("recovery/target/qrescue.jar"),
                FileTime.fromMillis(before.toMillis() + 60_000));
        Run rebuilt = launch(Map.of(), "log", "-t", "small.map");
        assertThat(rebuilt.stdout()).isEqualTo(expected);
        assertThat(rebuilt.stderr()).isEmpty();
        assertThat(Files.getLastModifiedTime(archive)).isNotEqualTo(before);
        assertThat(Files.size(archive)).isGreaterThan(4096);

        // an archive the JVM cannot validate (made for another copy of the jar) is as quiet
        Files.setLastModifiedTime(checkout.resolve("recovery/target/qrescue.jar"),
                FileTime.fromMillis(before.toMillis() - 60_000));
        Run stale = launch(Map.of(), "log", "-t", "small.map");
        assertThat(stale.stdout()).isEqualTo(expected);
        assertThat(stale.stderr()).isEmpty();

        Files.delete(archive);
        Run without = launch(Map.of("QRESCUE_CDS", "0"), "log", "-t", "small.map");
        assertThat(without.stdout()).isEqualTo(expected);
        assertThat(without.stderr()).isEmpty();
        assertThat(archive).as("QRESCUE_CDS=0 records none").doesNotExist();
    }

    @Test
    void shouldReadAMillionBlocksInASmallHeapAndSayInOneLineWhenTheHeapIsTooSmall() throws Exception {
        Path big = dir.resolve("big.map");
        writeMillionBlockMap(big);
        byte[] before = Files.readAllBytes(big);

        Run roomy = launch(Map.of(), "log", "-t", "big.map");
        assertThat(roomy.exit()).as(roomy.stderr()).isZero();
        assertThat(roomy.stdout()).contains("in 1000000 area(s)");
        // the map itself takes about 9 bytes a block: 24 MiB of heap is plenty for 1,000,000 blocks
        Run small = launch(Map.of("QRESCUE_JAVA_OPTS", "-Xmx24m"), "log", "-t", "big.map");
        assertThat(small.exit()).as(small.stderr()).isZero();
        assertThat(small.stdout()).isEqualTo(roomy.stdout());
        assertThat(small.stderr()).isEmpty();

        Run tooSmall = launch(Map.of("QRESCUE_JAVA_OPTS", "-Xmx8m"), "log", "-t", "big.map");
        assertThat(tooSmall.exit()).isEqualTo(ExitCodes.ENVIRONMENT);
        assertThat(tooSmall.stdout()).isEmpty();
        assertThat(tooSmall.stderr()).matches("qrescue: not enough memory: mapfile big\\.map \\(the heap ran out after "
                + "\\d+ blocks\\) does not fit in Java's heap of \\d+ MiB; give Java more with "
                + "QRESCUE_JAVA_OPTS=-Xmx<size>, e\\.g\\. QRESCUE_JAVA_OPTS=-Xmx\\d+g\n");

        // resuming a rescue with that map: the same line, and the mapfile is left as it was
        Files.write(dir.resolve("disk.img"), new byte[1 << 20]);
        Run resume = launch(Map.of("QRESCUE_JAVA_OPTS", "-Xmx8m"), "image", "disk.img", "copy.img", "big.map");
        assertThat(resume.exit()).isEqualTo(ExitCodes.ENVIRONMENT);
        assertThat(resume.stderr()).startsWith("qrescue: not enough memory: mapfile big.map").hasLineCount(1);
        assertThat(sha256(Files.readAllBytes(big))).isEqualTo(sha256(before));
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("big.map")))
                    .containsExactly("big.map");
        }
    }

    /** 1,000,000 blocks alternating finished and bad over a 500 GB device. */
    private static void writeMillionBlockMap(Path file) throws IOException {
        List<StatusBlock> blocks = new ArrayList<>(1_000_000);
        for (int i = 0; i < 1_000_000; i++) {
            blocks.add(new StatusBlock(i * 500_000L, 500_000L, i % 2 == 0 ? BlockStatus.FINISHED : BlockStatus.BAD_SECTOR));
        }
        Mapfile map = new Mapfile(0, RunStatus.FINISHED, 1, BlockMap.of(blocks));
        try (OutputStream out = Files.newOutputStream(file)) {
            MapfileWriter.write(map, new MapfileHeader(MapfileHeader.RESCUE_CREATOR, "ddrescue", "2026-12-07 10:00:00",
                    null), out);
        }
    }

    private record Run(int exit, String stdout, String stderr) {
    }

    private Run launch(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(checkout.resolve("qrescue").toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().remove("QRESCUE_JAVA_OPTS");
        pb.environment().remove("QRESCUE_CDS");
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(command + ": still running after two minutes");
        }
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
