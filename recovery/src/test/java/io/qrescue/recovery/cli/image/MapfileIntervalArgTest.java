package io.qrescue.recovery.cli.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qrescue.recovery.cli.gnu.UsageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MapfileIntervalArgTest {

    private static MapfileIntervalArg parse(String arg) throws UsageException {
        return MapfileIntervalArg.parse(arg, "--mapfile-interval", MapfileIntervalArg.DEFAULT);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "30|30|300", "0|0|300", "-1|-1|300", "-1,60|-1|60", ",60|-1|60", "0,5|0|5", "5m|300|300",
            "30,1h|30|3600", "1m,2m|60|120", "30s,60|30|60", "300|300|300"})
    void shouldAcceptSaveAndSyncIntervals(String arg, int save, int sync) throws UsageException {
        assertThat(parse(arg)).isEqualTo(new MapfileIntervalArg(save, sync));
    }

    @Test
    void shouldCheckAgainstTheIntervalsOfAnEarlierOption() throws UsageException {
        MapfileIntervalArg first = parse(",10");
        assertThat(MapfileIntervalArg.parse("8", "--mapfile-interval", first)).isEqualTo(new MapfileIntervalArg(8, 10));
        assertThatThrownBy(() -> MapfileIntervalArg.parse("20", "--mapfile-interval", first))
                .hasMessage("'20': Save interval must be <= sync interval in option '--mapfile-interval'.");
        assertThat(parse("-1").saveIsAuto()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // spec 5.1 item 6
            "-2|'-2': Bad value in time interval argument of option '--mapfile-interval'.",
            "30,|'': Bad value in time interval argument of option '--mapfile-interval'.",
            ",4s|',4s': Sync interval must be >= 5 seconds in option '--mapfile-interval'.",
            "3,4s|'3,4s': Sync interval must be >= 5 seconds in option '--mapfile-interval'.",
            "30,10|'30,10': Save interval must be <= sync interval in option '--mapfile-interval'.",
            "30,60,|'60,': Bad unit in time interval argument of option '--mapfile-interval'.",
            "30,60s,|'60s,': Extra characters in argument of option '--mapfile-interval'.",
            // the other rules
            "301|'301': Save interval must be <= sync interval in option '--mapfile-interval'.",
            "30x,60|'30x,60': Bad unit in time interval argument of option '--mapfile-interval'.",
            "-1x,60|'-1x,60': Bad unit in time interval argument of option '--mapfile-interval'.",
            "-1s|'-1s': Bad value in time interval argument of option '--mapfile-interval'.",
            ",|'': Bad value in time interval argument of option '--mapfile-interval'.",
            "1.5,60|'1.5,60': Bad value in time interval argument of option '--mapfile-interval'.",
            "30,-1|'-1': Bad value in time interval argument of option '--mapfile-interval'."})
    void shouldRefuseWithDdrescuesMessages(String arg, String message) {
        assertThatThrownBy(() -> parse(arg)).isInstanceOf(UsageException.class).hasMessage(message);
    }
}
