package io.qrescue.recovery.cli.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class OwnOptionsTest {

    @Test
    void shouldTakeOutQrescuesOwnOptionsAndKeepTheRestInOrder() {
        OwnOptions own = OwnOptions.strip(List.of("-v", "--json", "--latency-log=a.hlog", "in", "--latency-log=b.hlog",
                "out", "map"));
        assertThat(own.json()).isTrue();
        assertThat(own.latencyLog()).contains("b.hlog");
        assertThat(own.ddrescueArgs()).containsExactly("-v", "in", "out", "map");
    }

    @Test
    void shouldLeaveEverythingElseToDdrescuesParser() {
        // without "=FILE" it is not ours: ddrescue's parser then rejects it as it rejects any unknown option
        OwnOptions own = OwnOptions.strip(List.of("--latency-log", "x", "--jsonx", "in", "out"));
        assertThat(own.json()).isFalse();
        assertThat(own.latencyLog()).isEmpty();
        assertThat(own.ddrescueArgs()).containsExactly("--latency-log", "x", "--jsonx", "in", "out");
    }
}
