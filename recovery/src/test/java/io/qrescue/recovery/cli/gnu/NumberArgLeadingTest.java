package io.qrescue.recovery.cli.gnu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link NumberArg#parseLeading}: a number and its multiplier, then text left for the caller. */
class NumberArgLeadingTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "64|64|2", "64,1|64|2", "64x|64|2", "1k,|1000|2", "1kx|1000|2", "1Ki,|1024|3", "1Mi,|1048576|3",
            "1MiB,|1048576|4", "2s,|1024|2", "1ks,|512000|3", "0x10,|16|4", "7B;|7|2"})
    void shouldStopAfterTheNumberAndItsMultiplier(String arg, long value, int end) throws UsageException {
        assertThat(NumberArg.parseLeading(arg, "-K", 512, 0, Long.MAX_VALUE))
                .isEqualTo(new NumberArg.Leading(value, end));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1K,|'1K,': Bad multiplier in numerical argument of option '-K'.",
            "1ki|'1ki': Bad multiplier in numerical argument of option '-K'.",
            ",1|',1': Bad or missing numerical argument in option '-K'.",
            "-1,|'-1,': Value out of limits [0,9_223_372_036_854_775_807] in option '-K'."})
    void shouldStillRefuseBadMultipliersAndLimits(String arg, String message) {
        assertThatThrownBy(() -> NumberArg.parseLeading(arg, "-K", 512, 0, Long.MAX_VALUE)).hasMessage(message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"64x", "1k,", "2s;"})
    void shouldRefuseTheSameTextWhenNothingMayFollow(String arg) {
        assertThatThrownBy(() -> NumberArg.parse(arg, "-i", 512, 0, Long.MAX_VALUE))
                .hasMessage("'" + arg + "': Bad multiplier in numerical argument of option '-i'.");
    }
}
