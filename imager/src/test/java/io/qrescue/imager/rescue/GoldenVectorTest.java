package io.qrescue.imager.rescue;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.imager.testing.DdrescueCommand;
import io.qrescue.imager.testing.MapText;
import io.qrescue.imager.testing.PatternDevice;
import io.qrescue.imager.testing.RescueRig;
import io.qrescue.mapfile.BlockStatus;
import io.qrescue.mapfile.MapfileReader;
import io.qrescue.mapfile.StatusBlock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Reproduces every deterministic golden vector made by the real ddrescue 1.27 in test mode: same final mapfile
 * (without comments), same exit code, same reads-log data lines; multi-step vectors keep map and output.
 */
class GoldenVectorTest {

    /** Timing-dependent: made with real time and -Z, not reproducible by any implementation. */
    private static final List<String> NOT_DETERMINISTIC = List.of("e24_slow_reads_nondeterministic");
    private static final Pattern SOURCE_SIZE = Pattern.compile("src(\\d+)m\\.bin");

    @TestFactory
    Stream<DynamicTest> shouldReproduceEveryGoldenVector() throws IOException {
        Path vectors = MapText.vectorsDir();
        Assumptions.assumeTrue(Files.isDirectory(vectors), "golden vectors not found at " + vectors);
        List<Path> dirs;
        try (Stream<Path> list = Files.list(vectors)) {
            dirs = list.filter(p -> p.getFileName().toString().matches("e\\d\\d_.*"))
                    .filter(p -> !NOT_DETERMINISTIC.contains(p.getFileName().toString()))
                    .sorted().toList();
        }
        assertThat(dirs).hasSizeGreaterThanOrEqualTo(16);
        return dirs.stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> runVector(dir)));
    }

    private static void runVector(Path dir) throws Exception {
        List<Path> steps = new ArrayList<>();
        try (Stream<Path> list = Files.list(dir)) {
            list.filter(p -> p.getFileName().toString().startsWith("step")).sorted().forEach(steps::add);
        }
        if (steps.isEmpty()) {
            steps.add(dir);
        }
        List<String> firstCommand = commandWords(steps.get(0));
        PatternDevice source = new PatternDevice(sourceSize(firstCommand), 512, 1);
        RescueRig rig = new RescueRig(source);
        if (Files.exists(dir.resolve("initial.map"))) {
            rig.setMapText(Files.readString(dir.resolve("initial.map")));
        }
        for (Path step : steps) {
            String name = dir.relativize(step).toString();
            DdrescueCommand command = DdrescueCommand.parse(commandWords(step).subList(1, commandWords(step).size()));
            RescueRig.StepResult got = rig.run(command, dir);
            int expectedExit = Integer.parseInt(Files.readString(step.resolve("exit_code.txt")).strip());
            assertThat(got.result().exitCode()).as(name + " exit code").isEqualTo(expectedExit);
            assertThat(MapText.dataLines(got.mapText())).as(name + " final map")
                    .containsExactlyElementsOf(MapText.dataLines(step.resolve("result.stripped.map")));
            if (Files.exists(step.resolve("reads.log"))) {
                List<String> expectedReads = MapText.dataLines(step.resolve("reads.log"));
                List<String> gotReads = MapText.dataLines(got.readsLog());
                assertThat(gotReads.size()).as(name + " number of reads").isEqualTo(expectedReads.size());
                assertThat(gotReads).as(name + " reads log").isEqualTo(expectedReads);
            }
        }
        assertFinishedBytesMatchSource(rig, source);
    }

    /** Every finished byte of the final map is the source's byte; bad areas were never written (zero). */
    private static void assertFinishedBytesMatchSource(RescueRig rig, PatternDevice source) throws Exception {
        var map = MapfileReader.parse(rig.mapText().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), "map", null);
        for (StatusBlock sb : map.blocks()) {
            long step = Math.max(1, sb.size() / 4096);
            for (long p = sb.pos(); p < sb.end(); p += step) {
                byte expected = sb.status() == BlockStatus.FINISHED ? source.byteAt(p) : 0;
                if (rig.output().byteAt(p) != expected) {
                    throw new AssertionError(String.format("output byte at 0x%X of %s block is wrong", p, sb));
                }
            }
        }
    }

    private static List<String> commandWords(Path step) throws IOException {
        return Arrays.asList(Files.readString(step.resolve("cmd.txt")).strip().split("\\s+"));
    }

    private static long sourceSize(List<String> command) {
        for (String word : command) {
            Matcher m = SOURCE_SIZE.matcher(word);
            if (m.find()) {
                return Long.parseLong(m.group(1)) << 20;
            }
        }
        throw new IllegalArgumentException("no source file in " + command);
    }
}
