package io.qrescue.recovery.cli.image;

import io.qrescue.recovery.imaging.InputGuards;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qrescue.recovery.cli.gnu.UsageException;
import java.util.List;
import org.junit.jupiter.api.Test;

class OwnOptionsTest {

    @Test
    void shouldTakeOutQrescuesOwnOptionsAndKeepDdrescuesInOrder() throws UsageException {
        OwnOptions own = OwnOptions.extract(List.of("-n", "--read-timeout=0.5", "in", "--json",
                "--reattach-wait=2m", "out", "map"));
        assertThat(own.json()).isTrue();
        assertThat(own.guards()).isEqualTo(new InputGuards(500_000_000L, 120_000_000_000L));
        assertThat(own.ddrescueArgs()).containsExactly("-n", "in", "out", "map");
    }

    @Test
    void shouldLeaveTheGuardsOffByDefault() throws UsageException {
        OwnOptions own = OwnOptions.extract(List.of("in", "out"));
        assertThat(own.json()).isFalse();
        assertThat(own.guards()).isEqualTo(InputGuards.NONE);
        assertThat(OwnOptions.extract(List.of("--reattach-wait=0", "in", "out")).guards()).isEqualTo(InputGuards.NONE);
    }

    @Test
    void shouldAcceptDdrescuesTimeSyntax() throws UsageException {
        assertThat(OwnOptions.extract(List.of("--read-timeout=1/4")).guards().readTimeoutNanos())
                .isEqualTo(250_000_000L);
        assertThat(OwnOptions.extract(List.of("--read-timeout=1h")).guards().readTimeoutNanos())
                .isEqualTo(3_600_000_000_000L);
    }

    @Test
    void shouldRefuseABadOrMissingInterval() {
        assertThatThrownBy(() -> OwnOptions.extract(List.of("--read-timeout=0")))
                .hasMessage("'0': Bad value in time interval argument of option '--read-timeout'.");
        assertThatThrownBy(() -> OwnOptions.extract(List.of("--read-timeout=5x")))
                .hasMessage("'5x': Bad unit in time interval argument of option '--read-timeout'.");
        assertThatThrownBy(() -> OwnOptions.extract(List.of("--reattach-wait=-1")))
                .hasMessage("'-1': Bad value in time interval argument of option '--reattach-wait'.");
        assertThatThrownBy(() -> OwnOptions.extract(List.of("--read-timeout", "5")))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("--read-timeout=<interval>");
    }

    @Test
    void shouldTakeTheLastLatencyLogAndKeepTheRestInOrder() throws UsageException {
        OwnOptions own = OwnOptions.extract(List.of("-v", "--json", "--latency-log=a.hlog", "in",
                "--latency-log=b.hlog", "out", "map"));
        assertThat(own.json()).isTrue();
        assertThat(own.latencyLog()).contains("b.hlog");
        assertThat(own.ddrescueArgs()).containsExactly("-v", "in", "out", "map");
    }

    @Test
    void shouldLeaveEverythingElseToDdrescuesParser() throws UsageException {
        // without "=FILE" it is not ours: ddrescue's parser then rejects it as it rejects any unknown option
        OwnOptions own = OwnOptions.extract(List.of("--latency-log", "x", "--jsonx", "in", "out"));
        assertThat(own.json()).isFalse();
        assertThat(own.latencyLog()).isEmpty();
        assertThat(own.ddrescueArgs()).containsExactly("--latency-log", "x", "--jsonx", "in", "out");
    }

    @Test
    void shouldTakeAQueueDepthFromOneTo256AndLeaveTheDefaultToTheDeviceType() throws UsageException {
        assertThat(OwnOptions.extract(List.of("in", "out")).queueDepth()).isZero();
        OwnOptions own = OwnOptions.extract(List.of("--queue-depth=8", "-d", "in", "out"));
        assertThat(own.queueDepth()).isEqualTo(8);
        assertThat(own.ddrescueArgs()).containsExactly("-d", "in", "out");
        assertThat(OwnOptions.extract(List.of("--queue-depth=1")).queueDepth()).isEqualTo(1);
        assertThat(OwnOptions.extract(List.of("--queue-depth=256")).queueDepth()).isEqualTo(256);
    }

    @Test
    void shouldRejectABadQueueDepthAsDdrescueRejectsABadNumber() {
        assertThatThrownBy(() -> OwnOptions.extract(List.of("--queue-depth=0")))
                .hasMessage("'0': Value out of limits (1 to 256) in option '--queue-depth'.");
        assertThatThrownBy(() -> OwnOptions.extract(List.of("--queue-depth=257")))
                .hasMessage("'257': Value out of limits (1 to 256) in option '--queue-depth'.");
        assertThatThrownBy(() -> OwnOptions.extract(List.of("--queue-depth=x4")))
                .hasMessage("'x4': Bad value for option '--queue-depth'.");
        assertThatThrownBy(() -> OwnOptions.extract(List.of("--queue-depth", "4")))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("requires an argument in the form --queue-depth=<n>");
    }
}
