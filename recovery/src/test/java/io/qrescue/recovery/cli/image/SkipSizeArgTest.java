package io.qrescue.recovery.cli.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qrescue.recovery.cli.gnu.UsageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SkipSizeArgTest {

    private static SkipSizeArg parse(String arg) throws UsageException {
        return SkipSizeArg.parse(arg, "-K", 512, SkipSizeArg.DEFAULT);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0|0|1152921504606846976", "65536|65536|1152921504606846976", "100000|100000|1152921504606846976",
            "64Ki,1Mi|65536|1048576", "0,65536|0|65536", "128s|65536|1152921504606846976",
            "64KiB,64KiB|65536|65536", "0x10000,0x20000|65536|131072", "1Ei|1152921504606846976|1152921504606846976",
            "128s,256s|65536|131072"})
    void shouldAcceptInitialAndMaxSizes(String arg, long initial, long max) throws UsageException {
        assertThat(parse(arg)).isEqualTo(new SkipSizeArg(initial, max));
    }

    @Test
    void shouldKeepTheAutomaticInitialSizeWhenOnlyMaxIsGiven() throws UsageException {
        SkipSizeArg sizes = parse(",1Mi");
        assertThat(sizes.initialIsAuto()).isTrue();
        assertThat(sizes.maxBytes()).isEqualTo(1 << 20);
        assertThat(parse("0").skippingDisabled()).isTrue();
        assertThat(SkipSizeArg.DEFAULT.maxIsAuto()).isTrue();
    }

    @Test
    void shouldCheckAgainstTheSizesOfAnEarlierK() throws UsageException {
        SkipSizeArg first = parse("1Mi");
        assertThatThrownBy(() -> SkipSizeArg.parse(",512Ki", "-K", 512, first))
                .hasMessage("',512Ki': Initial skip size must be <= max skip size in option '-K'.");
        assertThat(SkipSizeArg.parse(",2Mi", "-K", 512, first)).isEqualTo(new SkipSizeArg(1 << 20, 2 << 20));
    }

    @Test
    void shouldCountSectorsOfTheSectorSizeInEffect() throws UsageException {
        assertThat(SkipSizeArg.parse("16s", "-K", 4096, SkipSizeArg.DEFAULT).initialBytes()).isEqualTo(65536);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // spec 5.1 item 5
            "in|'in': Bad or missing numerical argument in option '-K'.",
            ",|'': Bad or missing numerical argument in option '-K'.",
            "0,|'': Bad or missing numerical argument in option '-K'.",
            "0,65535|'65535': Value out of limits [64Ki,1Ei] in option '-K'.",
            "0,65536,|'0,65536,': Extra characters in argument of option '-K'.",
            // the other rules
            "1|'1': Initial skip size must be 0 or >= 64KiB in option '-K'.",
            "65535|'65535': Initial skip size must be 0 or >= 64KiB in option '-K'.",
            "2Mi,1Mi|'2Mi,1Mi': Initial skip size must be <= max skip size in option '-K'.",
            "64Ki,x|'x': Bad or missing numerical argument in option '-K'.",
            "64Kix|'64Kix': Bad separator in argument of option '-K'.",
            "64x|'64x': Bad separator in argument of option '-K'.",
            "64K,1Mi|'64K,1Mi': Bad multiplier in numerical argument of option '-K'.",
            "64ki|'64ki': Bad multiplier in numerical argument of option '-K'.",
            "-1|'-1': Value out of limits [0,1Ei] in option '-K'.",
            "2Ei|'2Ei': Value out of limits [0,1Ei] in option '-K'.",
            "0;1|'0;1': Bad separator in argument of option '-K'.",
            "64Ki,1Mix|'64Ki,1Mix': Extra characters in argument of option '-K'."})
    void shouldRefuseWithDdrescuesMessages(String arg, String message) {
        assertThatThrownBy(() -> parse(arg)).isInstanceOf(UsageException.class).hasMessage(message);
    }
}
