package io.qrescue.imager.rescue;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.imager.output.MemoryOutputImage;
import io.qrescue.imager.testing.DdrescueCommand;
import io.qrescue.imager.testing.MapText;
import io.qrescue.imager.testing.PatternDevice;
import io.qrescue.imager.testing.RescueRig;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads ahead never change a rescue: on seeded random fault scenarios (the differential test's generator, fault-
 * model device, virtual clock), a run with 8 reads in flight ends with the same map, exit code and image bytes as
 * a run with one, and its reads log holds the depth-1 run's reads in the same order, plus the discarded
 * speculative reads between them.
 */
class QueueDepthEquivalenceTest {

    private static final int CASES = 60;
    private static final long SEED = 0xDE9711L;
    private static final int DEPTH = 8;

    @TempDir
    Path tmp;

    @Test
    void shouldGiveTheSameMapAndImageAtDepthEightAsAtDepthOne() throws Exception {
        Random random = new Random(SEED);
        List<String> mismatches = new ArrayList<>();
        long speculativeRuns = 0;
        for (int i = 0; i < CASES; i++) {
            DdrescueDifferentialTest.Scenario scenario = ScenarioGenerator.next(random.nextLong());
            Path dir = Files.createDirectory(tmp.resolve("case" + i));
            Files.writeString(dir.resolve("testmap.map"), scenario.testMap());
            if (scenario.domainMap() != null) {
                Files.writeString(dir.resolve("domain.map"), scenario.domainMap());
            }
            long dataSeed = scenario.seed();
            RescueRig one = new RescueRig(new PatternDevice(scenario.size(), scenario.sectorSize(), dataSeed), 1);
            RescueRig deep = new RescueRig(new PatternDevice(scenario.size(), scenario.sectorSize(), dataSeed), DEPTH);
            for (int s = 0; s < scenario.steps().size(); s++) {
                List<String> args = new ArrayList<>(scenario.steps().get(s));
                args.addAll(List.of("-q", "-H", "testmap.map", "src", "out", "map"));
                RescueRig.StepResult a = one.run(DdrescueCommand.parse(args), dir);
                RescueRig.StepResult b = deep.run(DdrescueCommand.parse(args), dir);
                String step = "case " + i + " seed " + scenario.seed() + " step " + s + " " + args + ": ";
                if (a.result().exitCode() != b.result().exitCode()) {
                    mismatches.add(step + "exit " + b.result().exitCode() + " != " + a.result().exitCode());
                }
                List<String> mapOne = a.mapText() == null ? List.of() : MapText.dataLines(a.mapText());
                List<String> mapDeep = b.mapText() == null ? List.of() : MapText.dataLines(b.mapText());
                if (!mapOne.equals(mapDeep)) {
                    mismatches.add(step + "map differs: depth " + DEPTH + " " + mapDeep + " depth 1 " + mapOne);
                }
                List<String> readsOne = MapText.dataLines(a.readsLog());
                List<String> readsDeep = MapText.dataLines(b.readsLog());
                if (!isSubsequence(readsOne, readsDeep)) {
                    mismatches.add(step + "the depth-1 reads are not among the depth-" + DEPTH + " reads in order");
                }
                if (readsDeep.size() > readsOne.size()) {
                    speculativeRuns++;
                }
            }
            String imageDifference = difference(one.output(), deep.output());
            if (imageDifference != null) {
                mismatches.add("case " + i + " seed " + scenario.seed() + ": image " + imageDifference);
            }
        }
        assertThat(mismatches).isEmpty();
        assertThat(speculativeRuns).as("steps in which reads ahead were discarded (the test sees some)")
                .isPositive();
    }

    private static boolean isSubsequence(List<String> needle, List<String> haystack) {
        int j = 0;
        for (String line : haystack) {
            if (j < needle.size() && needle.get(j).equals(line)) {
                j++;
            }
        }
        return j == needle.size();
    }

    /** Where two images differ, or null if they are equal. */
    private static String difference(MemoryOutputImage a, MemoryOutputImage b) {
        if (a.size() != b.size()) {
            return "size " + b.size() + " != " + a.size();
        }
        int chunk = 1 << 16;
        ByteBuffer x = ByteBuffer.allocate(chunk);
        ByteBuffer y = ByteBuffer.allocate(chunk);
        for (long pos = 0; pos < a.size(); pos += chunk) {
            x.clear();
            y.clear();
            a.read(pos, x);
            b.read(pos, y);
            if (!x.flip().equals(y.flip())) {
                return "bytes differ in [" + pos + ", " + (pos + chunk) + ")";
            }
        }
        return null;
    }
}
