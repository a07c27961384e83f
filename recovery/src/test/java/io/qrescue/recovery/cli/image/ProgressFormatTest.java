package io.qrescue.recovery.cli.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.imager.latency.LatencySnapshot;
import io.qrescue.imager.rescue.RescueStats;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProgressFormatTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "-1|false|n/a", "0|false|0s", "9|false|9s", "59|false|59s", "60|false|1m", "61|false|1m  1s",
        "600|false|10m", "3599|false|59m 59s", "3600|false|1h", "3661|false|1h  1m  1s",
        "36610|false|10h 10m 10s", "86400|false|1d", "90061|false|1d  1h  1m", "200|true|3m", "59|true|59s",
        "3601|true|1h", "864000000|false|10000d"})
    void shouldFormatTimesAsDdrescue(long seconds, boolean lowPrecision, String expected) {
        assertThat(ProgressFormat.time(seconds, lowPrecision)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"0, 0s", "65, 1m:05s", "3725, 1h:02m:05s", "90061, 1d:01h:01m:01s"})
    void shouldFormatLogTimesAsDdrescuesEventsLog(long seconds, String expected) {
        assertThat(ProgressFormat.timeDhms(seconds)).isEqualTo(expected);
    }

    @Test
    void shouldLayOutTheStatusBlockWithFixedColumns() {
        RescueStats s = new RescueStats(3725, 123_456_789_012L, 4096, 2_000_398_934_016L, 1_000_000_000_000L,
                5_111_808, 512, 4_851_712, 995_000_000_000L, 12, 19034, 7, 99_999, 100_000, 1_500_000, 65, false);
        List<String> lines = ProgressFormat.statusLines(s, 4000, true);
        assertThat(lines).containsExactly(
                "     ipos:  123456 MB, non-trimmed:    5111 kB,  current rate:   99999 B/s",
                "     opos:  123456 MB, non-scraped:      512 B,  average rate:    100 kB/s",
                "non-tried:    1000 GB,  bad-sector:    4851 kB,    error rate:   1500 kB/s",
                "  rescued:  995000 MB,   bad areas:       12,        run time:  1h  2m  5s",
                "pct rescued:   49.74%, read errors:    19034,  remaining time:      1h  6m",
                " slow reads:        7,        time since last successful read:      1m  5s");
        assertThat(lines).allMatch(l -> l.length() == 74);
    }

    @ParameterizedTest
    @CsvSource({"0, 0 ns", "850, 850 ns", "1000, 1.00 \u00b5s", "12345, 12.3 \u00b5s", "999499, 999 \u00b5s",
            "999500, 1.00 ms", "40005631, 40.0 ms", "2000683007, 2.00 s", "3600000000000, 3600 s"})
    void shouldShowReadDurationsWithThreeSignificantDigits(long nanos, String expected) {
        assertThat(ProgressFormat.duration(nanos)).isEqualTo(expected);
    }

    @Test
    void shouldShowTheLatencyLineWithDashesBeforeTheFirstRead() {
        assertThat(ProgressFormat.latencyLine(LatencySnapshot.EMPTY))
                .isEqualTo("read latency p50: -  p99: -  max: -");
        assertThat(ProgressFormat.latencyLine(new LatencySnapshot(100, 250_000, 40_000_000, 2_000_000_000L)))
                .isEqualTo("read latency p50: 250 \u00b5s  p99: 40.0 ms  max: 2.00 s");
        assertThat(ProgressFormat.latencySummary(new LatencySnapshot(1, 900, 900, 900)))
                .isEqualTo("read latency p50: 900 ns, p99: 900 ns, max: 900 ns");
    }
}
