package io.qrescue.imager.rescue;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.imager.testing.DdrescueCommand;
import io.qrescue.imager.testing.MapText;
import io.qrescue.imager.testing.RescueRig;
import io.qrescue.imager.testing.ZeroDevice;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real {@code /usr/bin/ddrescue -H} and our rescuer on the same seeded random test maps and option
 * sets, step by step, and requires the same final mapfile (comments stripped) and exit code, the same reads,
 * and never more reads into bad areas.
 */
@Tag("integration")
@EnabledIf("ddrescueInstalled")
class DdrescueDifferentialTest {

    private static final Path DDRESCUE = Path.of("/usr/bin/ddrescue");
    private static final int CASES = 500;
    private static final long SEED = 0x51E5C0DEL;

    @TempDir
    Path tmp;

    static boolean ddrescueInstalled() {
        return Files.isExecutable(DDRESCUE);
    }

    /** One random scenario: a test map and one or more ddrescue invocations sharing output and mapfile. */
    record Scenario(long seed, long size, int sectorSize, String testMap, String domainMap, List<List<String>> steps) {
    }

    @Test
    void shouldMatchRealDdrescueOnRandomMaps() throws Exception {
        Random random = new Random(SEED);
        List<String> mismatches = new ArrayList<>();
        int steps = 0;
        int identicalReadLogs = 0;
        int only = Integer.getInteger("qrescue.differential.case", -1); // to rerun one case while debugging
        for (int i = 0; i < CASES; i++) {
            Scenario scenario = ScenarioGenerator.next(random.nextLong());
            if (only >= 0 && i != only) {
                continue;
            }
            Path dir = Files.createDirectory(tmp.resolve("case" + i));
            try {
                for (String problem : compare(scenario, dir)) {
                    mismatches.add("case " + i + " seed " + scenario.seed() + " " + problem);
                }
                steps += scenario.steps().size();
                if (only >= 0) {
                    System.err.println("case " + i + " " + scenario + " kept in " + dir);
                }
            } catch (IllegalStateException e) {
                throw new IllegalStateException("case " + i + " " + scenario, e);
            } finally {
                if (only < 0) {
                    deleteTree(dir);
                }
            }
        }
        assertThat(mismatches).as("mismatches in %d scenarios, %d steps", CASES, steps).isEmpty();
        assertThat(steps).as("steps run").isGreaterThan(CASES);
    }

    /** Differences between ddrescue and us for one scenario; empty if none. */
    private static List<String> compare(Scenario scenario, Path dir) throws Exception {
        List<String> problems = new ArrayList<>();
        try (RandomAccessFile source = new RandomAccessFile(dir.resolve("src").toFile(), "rw")) {
            source.setLength(scenario.size()); // sparse: ddrescue reads zeros quickly
        }
        Files.writeString(dir.resolve("testmap.map"), scenario.testMap());
        if (scenario.domainMap() != null) {
            Files.writeString(dir.resolve("domain.map"), scenario.domainMap());
        }
        RescueRig rig = new RescueRig(new ZeroDevice(scenario.size(), scenario.sectorSize()));
        for (int s = 0; s < scenario.steps().size(); s++) {
            List<String> args = new ArrayList<>(scenario.steps().get(s));
            args.addAll(List.of("-q", "-S", "-H", "testmap.map", "--log-reads=reads" + s + ".log", "src", "out", "map"));
            int expectedExit = runDdrescue(args, dir);
            RescueRig.StepResult ours = rig.run(DdrescueCommand.parse(args), dir);
            String step = "step " + s + " " + String.join(" ", scenario.steps().get(s)) + ": ";
            if (ours.result().exitCode() != expectedExit) {
                problems.add(step + "exit " + ours.result().exitCode() + " != " + expectedExit);
            }
            List<String> theirMap = Files.exists(dir.resolve("map")) ? MapText.dataLines(dir.resolve("map")) : List.of();
            List<String> ourMap = rig.mapText() == null ? List.of() : MapText.dataLines(rig.mapText());
            if (!ourMap.equals(theirMap)) {
                problems.add(step + "map differs: ours " + ourMap + " theirs " + theirMap);
            }
            Path readsLog = dir.resolve("reads" + s + ".log");
            List<String> theirReads = Files.exists(readsLog) ? MapText.dataLines(readsLog) : List.of();
            List<String> ourReads = MapText.dataLines(ours.readsLog());
            long theirBad = failedReads(theirReads);
            long ourBad = failedReads(ourReads);
            if (ourBad > theirBad) {
                problems.add(step + "more reads into bad areas: " + ourBad + " > " + theirBad);
            }
            if (!ourReads.equals(theirReads)) {
                problems.add(step + "reads differ: " + ourReads.size() + " reads vs " + theirReads.size()
                        + firstDifference(ourReads, theirReads));
            }
        }
        return problems;
    }

    private static String firstDifference(List<String> ours, List<String> theirs) {
        for (int i = 0; i < Math.min(ours.size(), theirs.size()); i++) {
            if (!ours.get(i).equals(theirs.get(i))) {
                return ", first at #" + i + ": ours '" + ours.get(i) + "' theirs '" + theirs.get(i) + "'";
            }
        }
        return "";
    }

    private static long failedReads(List<String> readLines) {
        return readLines.stream().filter(l -> !l.split("\t")[3].equals("0")).count();
    }

    private static int runDdrescue(List<String> args, Path dir) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(DDRESCUE.toString());
        command.addAll(args);
        Process process = new ProcessBuilder(command).directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("ddrescue hung: " + command);
        }
        return process.exitValue();
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
