package io.qrescue.recovery.cli.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qrescue.imager.device.FaultModel;
import io.qrescue.imager.rescue.RescueOptions;
import io.qrescue.imager.rescue.RescueResult;
import io.qrescue.mapfile.BlockStatus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonEventsTest {

    private static final int SIZE = 8 << 20;

    /** Bad areas at seeded places, and every read slow so that the run lasts about half a minute. */
    static FaultModel faults(long seed) {
        java.util.Random random = new java.util.Random(seed);
        StringBuilder spec = new StringBuilder("slow 0 8Mi latency=250ms\n");
        for (int i = 0; i < 4; i++) {
            long pos = random.nextInt(SIZE / 512) * 512L;
            spec.append("bad ").append(pos).append(' ').append(512 * (1 + random.nextInt(300))).append('\n');
        }
        return FaultModel.ofSpec(spec.toString());
    }

    private static List<Map<String, Object>> events(String text) {
        List<Map<String, Object>> events = new ArrayList<>();
        assertThat(text).endsWith("\n");
        for (String line : text.split("\n")) {
            events.add(MiniJson.parseObject(line));
        }
        return events;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void shouldWriteOneValidObjectPerLineEndingWithTheExitCode(long seed) {
        ProgressRig rig = new ProgressRig();
        StringWriter text = new StringWriter();
        RescueOptions options = RescueOptions.builder().maxRetries(1).build();
        RescueResult result = rig.run(ProgressRig.randomSource(SIZE, seed), faults(seed), options,
                new JsonEvents(new PrintWriter(text), options));

        List<Map<String, Object>> events = events(text.toString());
        assertThat(events.get(0)).containsEntry("event", "phase").containsEntry("runStatus", "copying")
                .containsEntry("pass", 1L);
        assertThat(events).extracting(e -> e.get("event")).containsOnly("phase", "progress", "end");
        long rescued = 0;
        long runTime = 0;
        int progress = 0;
        for (Map<String, Object> e : events) {
            if (e.get("event").equals("progress")) {
                progress++;
                assertThat((Long) e.get("rescuedBytes")).isGreaterThanOrEqualTo(rescued);
                assertThat((Long) e.get("runTimeSeconds")).isGreaterThanOrEqualTo(runTime);
                rescued = (Long) e.get("rescuedBytes");
                runTime = (Long) e.get("runTimeSeconds");
                assertThat((Long) e.get("rescuedBytes") + (Long) e.get("nonTriedBytes")
                        + (Long) e.get("nonTrimmedBytes") + (Long) e.get("nonScrapedBytes")
                        + (Long) e.get("badSectorBytes")).isEqualTo(e.get("domainBytes"));
            }
        }
        assertThat(progress).isGreaterThan(20); // one a second of a run of about half a minute
        assertThat(runTime).isGreaterThanOrEqualTo(30);

        Map<String, Object> end = events.get(events.size() - 1);
        assertThat(end).containsEntry("event", "end").containsEntry("exitCode", (long) result.exitCode())
                .containsEntry("finished", true).containsEntry("interrupted", false)
                .containsEntry("stopReasons", List.of())
                .containsEntry("rescuedBytes", ProgressRig.bytes(result.map(), BlockStatus.FINISHED))
                .containsEntry("badSectorBytes", ProgressRig.bytes(result.map(), BlockStatus.BAD_SECTOR))
                .containsEntry("badAreas", ProgressRig.badAreas(result.map()));
        assertThat((Long) end.get("rescuedBytes")).isGreaterThanOrEqualTo(rescued).isLessThan(SIZE);
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void shouldReportAStopAndExitCodeOne() {
        ProgressRig rig = new ProgressRig();
        StringWriter text = new StringWriter();
        RescueOptions options = RescueOptions.builder().maxBadAreas(0, false).build();
        RescueResult result = rig.run(ProgressRig.randomSource(1 << 20, 7),
                FaultModel.ofSpec("bad 0x20000 0x400"), options, new JsonEvents(new PrintWriter(text), options));

        List<Map<String, Object>> events = events(text.toString());
        Map<String, Object> stop = events.get(events.size() - 2);
        assertThat(stop).containsEntry("event", "stop").containsEntry("reason", "bad_areas")
                .containsEntry("message", "Too many bad areas in input file");
        assertThat(events.get(events.size() - 1)).containsEntry("event", "end").containsEntry("exitCode", 1L)
                .containsEntry("finished", false).containsEntry("stopReasons", List.of("bad_areas"));
        assertThat(result.exitCode()).isEqualTo(1);
    }

    @Test
    void shouldEscapeStringsSoTheyParseBackUnchanged() {
        String nasty = "quote\" backslash\\ slash/ nl\n cr\r tab\t bs\b ff\f nul\u0000 esc\u001B del\u007F "
                + "é ☃ \uD83D\uDE00 lone\uD800 end";
        String json = JsonEvents.JsonObject.string(new StringBuilder(), nasty).toString();
        assertThat(json.chars().filter(c -> c < 0x20)).isEmpty();
        assertThat(MiniJson.parse(json)).isEqualTo(nasty);
        String object = new JsonEvents.JsonObject("stop").add("message", nasty).add("n", -5).close();
        assertThat(MiniJson.parseObject(object)).containsEntry("message", nasty).containsEntry("n", -5L);
    }

    @Test
    void shouldRejectInvalidJsonInTheChecker() {
        for (String bad : List.of("{\"a\":1,}", "{\"a\" 1}", "{'a':1}", "[1 2]", "\"raw\ttab\"", "{\"a\":01}",
                "{\"a\":1}x", "{\"a\":tru}", "{\"a\":1,\"a\":2}", "\"\\x\"")) {
            assertThatThrownBy(() -> MiniJson.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
