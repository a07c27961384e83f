package io.qrescue.recovery.cli.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.imager.rescue.RescueOptions;
import io.qrescue.imager.rescue.RescueResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our terminal screen after a whole rescue against GNU ddrescue 1.27's for the same source, test map and options.
 * The ddrescue screens in {@code src/test/resources/progress/*.screen} were captured once with {@code capture.sh}
 * there, which runs {@code script -qc 'ddrescue [options] -H testmap.map src out map' /dev/null} so that
 * ddrescue believes it writes to a terminal. Both outputs are replayed through {@link TerminalModel} and compared
 * line by line; only run times, rates and the remaining time may differ (ddrescue ran on the wall clock, we on a
 * virtual one). The first line of the capture, ddrescue's version banner, is the CLI's business, not the screen's.
 */
class ProgressScreenGoldenTest {

    static Stream<Arguments> vectors() {
        return Stream.of(
                Arguments.of("default", RescueOptions.defaults(), 0),
                Arguments.of("max-bad-areas", RescueOptions.builder().maxBadAreas(3, false).build(), 0),
                Arguments.of("preview-retry", RescueOptions.builder().maxRetries(1).build(), 3));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void shouldDrawTheSameScreenAsDdrescue(String name, RescueOptions options, int previewLines) throws IOException {
        List<String> expected = TerminalModel.screen(resource(name + ".screen"));
        assertThat(expected.get(0)).isEqualTo("GNU ddrescue 1.27");
        expected = expected.subList(1, expected.size());

        ProgressRig rig = new ProgressRig();
        StringWriter text = new StringWriter();
        ProgressScreen screen = new ProgressScreen(new PrintWriter(text), options, previewLines,
                rig.previewFromOutput(options), false);
        RescueResult result = rig.run(new ProgressRig.PatternSource(), ProgressRig.mainTestMap(), options, screen);
        List<String> actual = TerminalModel.screen(text.toString());

        assertThat(result.exitCode()).isEqualTo(name.equals("max-bad-areas") ? 1 : 0);
        assertThat(actual.stream().map(ProgressScreenGoldenTest::maskTimes).toList())
                .containsExactlyElementsOf(expected.stream().map(ProgressScreenGoldenTest::maskTimes).toList());
    }

    /** Replaces the values that depend on the clock, keeping everything before them (and so the layout). */
    static String maskTimes(String line) {
        return line.replaceAll("(current rate|average rate|error rate|run time|remaining time|successful read):.*$",
                "$1: #");
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ProgressScreenGoldenTest.class.getResourceAsStream("/progress/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
