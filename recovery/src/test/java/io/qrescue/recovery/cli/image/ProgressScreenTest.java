package io.qrescue.recovery.cli.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.imager.device.FaultModel;
import io.qrescue.imager.rescue.PhaseEvent;
import io.qrescue.imager.rescue.RescueListener;
import io.qrescue.imager.rescue.RescueOptions;
import io.qrescue.imager.rescue.RescueResult;
import io.qrescue.imager.rescue.RescueStats;
import io.qrescue.mapfile.BlockStatus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProgressScreenTest {

    private static final String UP6 = "\r" + "\u001B[A".repeat(6);

    private final ProgressRig rig = new ProgressRig();
    private final StringWriter text = new StringWriter();
    private int updates;
    private int passes;

    private RescueResult run(RescueListener screen, RescueOptions options, FaultModel faults, int size, long seed) {
        RescueListener counter = new RescueListener() {
            @Override
            public void phaseStarted(PhaseEvent event) {
                passes++;
            }

            @Override
            public void statsUpdated(RescueStats stats) {
                updates++;
            }
        };
        return rig.run(ProgressRig.randomSource(size, seed), faults, options, RescueListener.of(screen, counter));
    }

    /** The value after {@code label} in the last screen line holding it. */
    private static String lastValue(List<String> screen, String label) {
        for (int i = screen.size() - 1; i >= 0; i--) {
            String line = screen.get(i);
            int at = line.indexOf(label);
            if (at >= 0) {
                String rest = line.substring(at + label.length()).strip();
                int comma = rest.indexOf(',');
                return comma < 0 ? rest : rest.substring(0, comma);
            }
        }
        throw new AssertionError("no '" + label + "' on the screen");
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13, 14})
    void shouldEndWithTheNumbersOfTheFinalMap(long seed) {
        RescueOptions options = RescueOptions.defaults();
        RescueResult result = run(new ProgressScreen(new PrintWriter(text), options), options,
                JsonEventsTest.faults(seed), 8 << 20, seed);
        String out = text.toString();
        List<String> screen = TerminalModel.screen(out);

        assertThat(screen.get(0)).isEqualTo("Press Ctrl-C to interrupt");
        for (String label : List.of("     ipos:", "     opos:", "non-tried:", "non-trimmed:", "non-scraped:",
                "bad-sector:", "  rescued:", "bad areas:", "pct rescued:", "read errors:", "current rate:",
                "average rate:", "error rate:", "run time:", "remaining time:", "time since last successful read:")) {
            assertThat(out).contains(label);
        }
        assertThat(out).doesNotContain("slow reads:");
        assertThat(screen.get(screen.size() - 1)).isEqualTo("Finished");
        long finished = ProgressRig.bytes(result.map(), BlockStatus.FINISHED);
        assertThat(lastValue(screen, "  rescued:")).isEqualTo(ProgressFormat.size(finished) + "B");
        assertThat(lastValue(screen, "bad-sector:"))
                .isEqualTo(ProgressFormat.size(ProgressRig.bytes(result.map(), BlockStatus.BAD_SECTOR)) + "B");
        assertThat(lastValue(screen, "bad areas:")).isEqualTo(Long.toString(ProgressRig.badAreas(result.map())));
        assertThat(lastValue(screen, "pct rescued:")).isEqualTo(result.stats().percentRescued().strip());
        assertThat(lastValue(screen, "read errors:")).isEqualTo(Long.toString(result.stats().readErrors()));
        assertThat(lastValue(screen, "run time:")).isEqualTo(ProgressFormat.time(result.stats().elapsedSeconds(),
                false));
        assertThat(result.stats().elapsedSeconds()).isGreaterThan(30);
        assertThat(ProgressRig.badAreas(result.map())).isPositive();
    }

    @Test
    void shouldRedrawInPlaceExceptWhenAPassStarts() {
        RescueOptions options = RescueOptions.defaults();
        run(new ProgressScreen(new PrintWriter(text), options), options, JsonEventsTest.faults(5), 8 << 20, 5);
        String out = text.toString();

        int inPlace = out.split(java.util.regex.Pattern.quote(UP6), -1).length - 1;
        assertThat(passes).isGreaterThan(1);
        assertThat(updates).isGreaterThan(30);
        // every update but the first of each later pass moves up over the block; those start a new block below
        assertThat(inPlace).isEqualTo(updates - (passes - 1));
        assertThat(out).contains("\u001B[K");
        TerminalModel model = new TerminalModel();
        model.feed(out);
        assertThat(model.lines().stream().filter(l -> l.startsWith("     ipos:"))).hasSize(passes);
    }

    @Test
    void shouldShowTheInitialStatusAndSlowReadsWhenAsked() {
        RescueOptions options = RescueOptions.builder().minReadRate(0).build();
        run(new ProgressScreen(new PrintWriter(text), options, 0, PreviewSource.none(), true), options,
                FaultModel.ofSpec("bad 0x10000 0x400"), 1 << 20, 3);
        List<String> screen = TerminalModel.screen(text.toString());

        assertThat(screen.subList(0, 5)).containsExactly("Press Ctrl-C to interrupt",
                "Initial status (read from mapfile)", "rescued: 0 B, tried: 0 B, bad-sector: 0 B, bad areas: 0", "",
                "Current status");
        assertThat(screen).anyMatch(l -> l.startsWith(" slow reads:        0,        time since last successful"));
    }

    @Test
    void shouldPrintTheStopMessageInsteadOfFinished() {
        RescueOptions options = RescueOptions.builder().maxBadAreas(0, false).build();
        RescueResult result = run(new ProgressScreen(new PrintWriter(text), options), options,
                FaultModel.ofSpec("bad 0x20000 0x400"), 1 << 20, 3);
        List<String> screen = TerminalModel.screen(text.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(screen.get(screen.size() - 1)).isEqualTo("  Too many bad areas in input file");
        assertThat(screen).doesNotContain("Finished");
        assertThat(text.toString()).endsWith("\n");
    }

    @Test
    void shouldPrintNothingWhenTheRescueNeverStarts() {
        RescueOptions options = RescueOptions.builder().inputPosition(2 << 20).build(); // beyond the input
        RescueResult result = run(new ProgressScreen(new PrintWriter(text), options), options, FaultModel.none(),
                1 << 20, 3);
        assertThat(result.stats()).isNull();
        assertThat(text.toString()).isEmpty();
    }

    @Test
    void shouldPreviewTheLatestGoodRead() {
        RescueOptions options = RescueOptions.defaults();
        ProgressScreen screen = new ProgressScreen(new PrintWriter(text), options, 2, rig.previewFromOutput(options),
                false);
        run(screen, options, FaultModel.none(), 1 << 20, 9);
        List<String> lines = TerminalModel.screen(text.toString());
        // the last read of a healthy 1 MiB input is its last cluster
        int at = lines.indexOf("Data preview:");
        assertThat(at).isPositive();
        byte[] data = ProgressRig.randomBytes(1 << 20, 9);
        String first = lines.get(at + 1);
        assertThat(first).startsWith("00000F0000  ");
        StringBuilder hex = new StringBuilder();
        for (int j = 0; j < 16; j++) {
            hex.append(String.format(" %02X", data[0xF0000 + j] & 0xFF)).append(j == 7 ? " " : "");
        }
        assertThat(first).startsWith("00000F0000 " + hex);
        assertThat(lines.get(at + 2)).startsWith("00000F0010 ");
        assertThat(lines.get(at + 3)).isEmpty();
        assertThat(lines.get(at + 4)).startsWith("     ipos:");
    }
}
