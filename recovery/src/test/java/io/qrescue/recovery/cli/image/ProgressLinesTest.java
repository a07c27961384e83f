package io.qrescue.recovery.cli.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.imager.device.FaultModel;
import io.qrescue.imager.rescue.PhaseEvent;
import io.qrescue.imager.rescue.RescueListener;
import io.qrescue.imager.rescue.RescueOptions;
import io.qrescue.imager.rescue.RescueResult;
import io.qrescue.mapfile.BlockStatus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProgressLinesTest {

    /** The events-log time at the start of a line: "7s", "1m:05s", "2h:03m:04s". */
    private static final Pattern PREFIX = Pattern.compile("^ *(?:(\\d+)h:)?(?:(\\d+)m:)?(\\d+)s  ( *[\\d.]+%)  (.*)$");

    private static long seconds(Matcher m) {
        long h = m.group(1) == null ? 0 : Long.parseLong(m.group(1));
        long min = m.group(2) == null ? 0 : Long.parseLong(m.group(2));
        return h * 3600 + min * 60 + Long.parseLong(m.group(3));
    }

    @ParameterizedTest
    @CsvSource({"21, 5", "22, 10", "23, 3", "24, 1"})
    void shouldPrintAtMostOneSummaryPerIntervalPlusPhasesAndTheEnd(long seed, int interval) {
        ProgressRig rig = new ProgressRig();
        StringWriter text = new StringWriter();
        List<String> phases = new ArrayList<>();
        RescueListener phaseRecorder = new RescueListener() {
            @Override
            public void phaseStarted(PhaseEvent event) {
                phases.add(event.message());
            }
        };
        RescueOptions options = RescueOptions.defaults();
        RescueResult result = rig.run(ProgressRig.randomSource(8 << 20, seed), JsonEventsTest.faults(seed), options,
                RescueListener.of(new ProgressLines(new PrintWriter(text), options, interval), phaseRecorder));
        String out = text.toString();
        assertThat(out).doesNotContain("\r", "\u001B").endsWith("\n");

        List<Long> summaryTimes = new ArrayList<>();
        List<String> phaseLines = new ArrayList<>();
        String[] lines = out.split("\n");
        for (String line : lines) {
            Matcher m = PREFIX.matcher(line);
            assertThat(m.matches()).as(line).isTrue();
            String body = m.group(5);
            if (body.startsWith("ipos: ")) {
                summaryTimes.add(seconds(m));
                assertThat(body).contains("rescued: ", "non-tried: ", "bad areas: ", "read errors: ",
                        "average rate: ", "remaining time: ");
            } else if (!body.startsWith("End of run: ") && !body.equals("Finished")) {
                phaseLines.add(body);
            }
        }
        assertThat(phaseLines).isEqualTo(phases);
        long runTime = result.stats().elapsedSeconds();
        assertThat(runTime).isGreaterThan(30);
        assertThat(summaryTimes).isNotEmpty().isSorted();
        assertThat(summaryTimes.get(0)).isGreaterThanOrEqualTo(interval);
        for (int i = 1; i < summaryTimes.size(); i++) {
            assertThat(summaryTimes.get(i) - summaryTimes.get(i - 1)).isGreaterThanOrEqualTo(interval);
        }
        // ... and not much less often: the engine reports every second of this run
        assertThat(summaryTimes.size()).isGreaterThanOrEqualTo((int) (runTime / interval) - 1);

        long finished = ProgressRig.bytes(result.map(), BlockStatus.FINISHED);
        assertThat(lines[lines.length - 2]).endsWith("  Finished");
        assertThat(lines[lines.length - 1]).contains("End of run: ipos: ")
                .contains("rescued: " + ProgressFormat.size(finished) + "B, ")
                .contains("bad areas: " + ProgressRig.badAreas(result.map()) + ", ")
                .endsWith(", exit status: 0");
    }

    @Test
    void shouldPrintStopsAndTheExitStatus() {
        ProgressRig rig = new ProgressRig();
        StringWriter text = new StringWriter();
        RescueOptions options = RescueOptions.builder().maxBadAreas(0, false).build();
        rig.run(ProgressRig.randomSource(1 << 20, 1), FaultModel.ofSpec("bad 0x20000 0x400"), options,
                new ProgressLines(new PrintWriter(text), options));
        String[] lines = text.toString().split("\n");

        assertThat(lines[0]).isEqualTo("            0s    0.00%  Copying non-tried blocks... Pass 1 (forwards)");
        assertThat(lines[lines.length - 2]).matches("            0s   \\d\\d\\.\\d\\d%  Too many bad areas in input file");
        assertThat(lines[lines.length - 1]).endsWith(", exit status: 1");
        assertThat(text.toString()).doesNotContain("Finished");
    }
}
