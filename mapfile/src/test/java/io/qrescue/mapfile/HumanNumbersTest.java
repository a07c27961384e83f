package io.qrescue.mapfile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** ddrescue's number and percentage formats. */
class HumanNumbersTest {

    @Test
    void shouldFormatSizesWithPrefixesAboveTheLimit() {
        assertThat(HumanNumbers.formatNum(999999, false)).isEqualTo("999999 ");
        assertThat(HumanNumbers.formatNum(67108864, false)).isEqualTo("67108 k");
        assertThat(HumanNumbers.formatNum(67108864, true)).isEqualTo("65536 Ki");
        assertThat(HumanNumbers.formatNum(Long.MAX_VALUE, false)).isEqualTo("9223 P");
    }

    @Test
    void shouldFormatPercentagesAsDdrescuelogDoes() {
        assertThat(HumanNumbers.formatPercentage(49152, 262144)).isEqualTo(" 18.75%");
        assertThat(HumanNumbers.formatPercentage(8192, 262144)).isEqualTo("  3.13%");
        assertThat(HumanNumbers.formatPercentage(1, 2)).isEqualTo(" 50%");
        assertThat(HumanNumbers.formatPercentage(0, 5)).isEqualTo("  0%");
        assertThat(HumanNumbers.formatPercentage(99999, 100000)).isEqualTo("100.00%"); // 99.999 rounded up
        assertThat(HumanNumbers.formatPercentage(Long.MAX_VALUE, Long.MAX_VALUE)).isEqualTo("100.00%");
        assertThat(HumanNumbers.formatPercentage(1, 0)).isEqualTo("+INF");
    }
}
