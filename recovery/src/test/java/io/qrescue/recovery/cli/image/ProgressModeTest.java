package io.qrescue.recovery.cli.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.imager.device.FaultModel;
import io.qrescue.imager.rescue.RescueOptions;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressModeTest {

    @Test
    void shouldPreferJsonThenQuietThenTheTerminalTest() {
        assertThat(ProgressMode.choose(true, true, true)).isEqualTo(ProgressMode.JSON);
        assertThat(ProgressMode.choose(false, true, true)).isEqualTo(ProgressMode.QUIET);
        assertThat(ProgressMode.choose(false, false, true)).isEqualTo(ProgressMode.SCREEN);
        assertThat(ProgressMode.choose(false, false, false)).isEqualTo(ProgressMode.LINES);
    }

    @Test
    void shouldBuildTheListenerOfEachMode() {
        RescueOptions options = RescueOptions.defaults();
        assertThat(ProgressMode.SCREEN.listener(new PrintWriter(new StringWriter()), options))
                .isInstanceOf(ProgressScreen.class);
        assertThat(ProgressMode.LINES.listener(new PrintWriter(new StringWriter()), options))
                .isInstanceOf(ProgressLines.class);
        assertThat(ProgressMode.JSON.listener(new PrintWriter(new StringWriter()), options))
                .isInstanceOf(JsonEvents.class);
        StringWriter quiet = new StringWriter();
        new ProgressRig().run(ProgressRig.randomSource(1 << 20, 4), FaultModel.ofSpec("bad 0 512"), options,
                ProgressMode.QUIET.listener(new PrintWriter(quiet), options));
        assertThat(quiet.toString()).isEmpty();
    }
}
