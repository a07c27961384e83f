package io.qrescue.recovery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays every command of {@code vectors/ddrescue-1.27/ddrescuelog/run_ddrescuelog.sh} through
 * {@code qrescue log} and compares with what GNU ddrescuelog printed ({@code ddrescuelog_outputs.txt}).
 */
class DdrescuelogVectorsTest {

    private static final Path VECTORS = SharedFiles.vectors().resolve("ddrescuelog");
    private static Map<String, String> golden;

    @TempDir
    Path work;

    @BeforeAll
    static void readGolden() throws IOException {
        golden = new LinkedHashMap<>();
        String header = null;
        StringBuilder body = new StringBuilder();
        for (String line : Files.readAllLines(VECTORS.resolve("ddrescuelog_outputs.txt"), StandardCharsets.ISO_8859_1)) {
            if (line.startsWith("$ ")) {
                if (header != null) {
                    golden.put(header, body.toString());
                }
                header = line.substring(2).strip();
                body.setLength(0);
            } else {
                body.append(line).append('\n');
            }
        }
        golden.put(header, body.toString());
    }

    private void copyMaps() throws IOException {
        try (Stream<Path> files = Files.list(VECTORS)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".map")).toList()) {
                Files.copy(p, work.resolve(p.getFileName()));
            }
        }
    }

    static Stream<Arguments> plainCommands() {
        return Stream.of(
                "-t sample.map", "-v -t sample.map other.map", "-B -t sample.map", "-t -i 0x10000 -s 0x20000 sample.map",
                "-t -m domain.map sample.map", "-l- sample.map", "-l?*/ -b 4096 sample.map", "-l- -b 4096 sample.map",
                "-l- -b 4096 -i 0x10000 -o 0 sample.map", "-l- -b 4096 -i 0x10000 sample.map", "-l- -b 1000 sample.map",
                "-l- -b 4096 -F bitmap sample.map", "-C synthetic.map", "-C+ synthetic.map", "-C -i 0x2000 synthetic.map",
                "-D sample.map", "-v -D sample.map", "-D -i 0x20000 -s 0x10000 sample.map",
                "-D -i 0x20000 -s 0x10400 sample.map", "-D -m domain.map sample.map", "-n sample.map",
                "-a ?*/,- sample.map", "-a -+,+- -i 0x10000 -s 0x10000 sample.map", "-A sample.map",
                "-A -i 0x10000 -s 0x20000 sample.map", "-x other.map sample.map", "-y other.map sample.map",
                "-z other.map sample.map", "-z other.map -i 0x8000 -s 0x10000 sample.map", "-p other.map sample.map",
                "-p sample.map sample.map", "-P other.map sample.map", "-p other.map -i 0x28000 sample.map",
                "-P sample.map sample.map", "--shift -o 0x1000 sample.map", "--shift -i 0x10000 -o 0 sample.map",
                "--shift -i 0x10000 -o 0x1000 sample.map", "-q -l- sample.map nonexistent", "-l- nonexistent.map",
                "-q -t nonexistent.map sample.map", "-t -d sample.map", "sample.map", "-l+l sample.map",
                "-L -t synthetic.map").map(Arguments::of);
    }

    @ParameterizedTest(name = "ddrescuelog {0}")
    @MethodSource("plainCommands")
    void shouldPrintWhatDdrescuelogPrinted(String command) throws IOException {
        copyMaps();
        assertThat(golden).containsKey("ddrescuelog " + command);
        LogRun run = LogRun.qrescue(work, new byte[0], command.split(" "));
        assertThat(transcript(run)).isEqualTo(normalise(golden.get("ddrescuelog " + command)));
    }

    @Test
    void shouldListFinishedBlocksLikeTheHeadCutVector() throws IOException {
        copyMaps();
        LogRun run = LogRun.qrescue(work, new byte[0], "-l+", "sample.map");
        // the vector was cut by "head -3": the command line plus two numbers
        String expected = golden.get("ddrescuelog -l+ sample.map");
        assertThat(run.stdout()).startsWith(expected);
    }

    @Test
    void shouldWriteBitmapsBitForBit() throws IOException {
        copyMaps();
        LogRun le = LogRun.qrescue(work, new byte[0], "-l-", "-b", "4096", "-F", "bitmap-le", "sample.map");
        LogRun be = LogRun.qrescue(work, new byte[0], "-l-", "-b", "4096", "-F", "bitmap-be", "sample.map");
        assertThat(HexFormat.of().formatHex(le.stdout().getBytes(StandardCharsets.ISO_8859_1))).isEqualTo("0000010000000100");
        assertThat(HexFormat.of().formatHex(be.stdout().getBytes(StandardCharsets.ISO_8859_1))).isEqualTo("0000800000008000");
        assertThat(golden.get("ddrescuelog -l- -b 4096 -F bitmap-le sample.map | xxd")).contains("0000 0100 0000 0100");
        assertThat(golden.get("ddrescuelog -l- -b 4096 -F bitmap-be sample.map | xxd")).contains("0000 8000 0000 8000");
    }

    @Test
    void shouldCreateMapfilesFromListsAndBitmaps() throws IOException {
        copyMaps();
        LogRun created = LogRun.qrescue(work, "3\n1\n7\n".getBytes(), "-b", "4096", "-s", "0x10000", "-c", "-");
        assertThat(transcript(created)).isEqualTo(normalise(golden.get("printf \"3\\n1\\n7\\n\" | ddrescuelog -b 4096 -s 0x10000 -c -")));
        LogRun types = LogRun.qrescue(work, "3\n1\n7\n".getBytes(), "-b", "4096", "-s", "0x10000", "-c?-", "-");
        assertThat(stripComments(types.stdout()) + "[exit " + types.exitCode() + "]\n\n")
                .isEqualTo(golden.get("printf \"3\\n1\\n7\\n\" | ddrescuelog -b 4096 -s 0x10000 -c?- -"));
        LogRun bad = LogRun.qrescue(work, "3\n1\nx\n".getBytes(), "-b", "4096", "-c", "-");
        assertThat(transcript(bad)).isEqualTo(golden.get("printf \"3\\n1\\nx\\n\" | ddrescuelog -b 4096 -c -"));
        LogRun bitmap = LogRun.qrescue(work, new byte[] {5}, "-b", "4096", "-F", "bitmap-le", "-c", "-");
        assertThat(stripComments(bitmap.stdout()) + "[exit " + bitmap.exitCode() + "]\n\n")
                .isEqualTo(golden.get("printf \"\\x05\" | ddrescuelog -b 4096 -F bitmap-le -c -"));
    }

    @Test
    void shouldRefuseToOverwriteAnExistingMapfileWithoutForce() throws IOException {
        LogRun first = LogRun.qrescue(work, "3\n".getBytes(), "-b", "4096", "-c", "created.map");
        LogRun second = LogRun.qrescue(work, "3\n".getBytes(), "-b", "4096", "-c", "created.map");
        LogRun forced = LogRun.qrescue(work, "3\n".getBytes(), "-f", "-b", "4096", "-c", "created.map");
        assertThat(List.of(first.exitCode(), second.exitCode(), forced.exitCode())).containsExactly(0, 1, 0);
        assertThat(second.stderr()).isEqualTo("ddrescuelog: created.map: Mapfile exists. Use '--force' to overwrite it.\n");
        assertThat(stripComments(Files.readString(work.resolve("created.map"))))
                .isEqualTo(stripComments(Files.readString(VECTORS.resolve("created.map"))));
    }

    @Test
    void shouldDeleteOnlyFinishedMapfiles() throws IOException {
        copyMaps();
        Files.writeString(work.resolve("done.map"), "0 + 1\n0 0x1000 +\n");
        LogRun notDone = LogRun.qrescue(work, new byte[0], "-v", "-d", "del.map");
        LogRun done = LogRun.qrescue(work, new byte[0], "-v", "-d", "done.map");
        assertThat(transcript(notDone)).isEqualTo(golden.get("ddrescuelog -v -d del.map").lines().limit(2)
                .reduce("", (a, b) -> a + b + "\n") + "\n");
        assertThat(transcript(done)).startsWith("ddrescuelog: done.map: Mapfile successfully deleted.\n[exit 0]\n");
        assertThat(work.resolve("del.map")).exists();
        assertThat(work.resolve("done.map")).doesNotExist();
    }

    private static String transcript(LogRun run) {
        return run.stdout() + run.stderr() + "[exit " + run.exitCode() + "]\n\n";
    }

    private static String normalise(String goldenText) {
        return goldenText.replaceAll("(?m)^# Command line: .*$", "# Command line: <cmd>")
                .replaceAll("(?m)^# Start time: .*$", "# Start time: <time>");
    }

    private static String stripComments(String text) {
        List<String> kept = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            if (!line.startsWith("#") && !line.isEmpty()) {
                kept.add(line);
            }
        }
        return String.join("\n", kept) + "\n";
    }
}
