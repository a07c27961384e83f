package io.qrescue.recovery.cli.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qrescue.recovery.cli.gnu.UsageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimeIntervalArgTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0|0", "5|5", "5s|5", "2m|120", "0.5m|30", "1/2m|30", "1h|3600", "1d|86400", "100%|1", "200%h|7200",
            "' 7'|7", "+3|3", "-0|0", "1sx|1", "1mx|60", "007|7", "24855d|2147472000", "2147483647|2147483647",
            "0.50000000000m|30", ".5m|30"})
    void shouldAcceptWholeSecondsInEveryForm(String arg, int seconds) throws UsageException {
        assertThat(TimeIntervalArg.parseWholeSeconds(arg, "-T", false)).isEqualTo(seconds);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.5", "1/2", "-1", "1/0", "1/", "5.", ".", "x", "", "-", "2147483648", "24856d",
            "99999999999999999999", "10%", "1.5%"})
    void shouldRefuseWhatIsNotWholeNonNegativeSecondsAsBadValue(String arg) {
        assertThatThrownBy(() -> TimeIntervalArg.parseWholeSeconds(arg, "-T", false))
                .isInstanceOf(UsageException.class)
                .hasMessage("'" + arg + "': Bad value in time interval argument of option '-T'.")
                .matches(e -> !((UsageException) e).suggestHelp());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1x", "1.5/2", "1 s", "5,", "-1x", "1S", "1M"})
    void shouldRefuseUnknownUnits(String arg) {
        assertThatThrownBy(() -> TimeIntervalArg.parseWholeSeconds(arg, "--delay-slow", false))
                .hasMessage("'" + arg + "': Bad unit in time interval argument of option '--delay-slow'.");
    }

    @Test
    void shouldSayBadValueNotBadUnitWhenTheNumberItselfOverflows() {
        // ddrescue's fraction parser gives up before looking at the unit
        assertThatThrownBy(() -> TimeIntervalArg.parseWholeSeconds("3000000000x", "-T", false))
                .hasMessage("'3000000000x': Bad value in time interval argument of option '-T'.");
    }

    @Test
    void shouldRefuseAUnitFollowedByACommaAsExtraCharacters() {
        assertThatThrownBy(() -> TimeIntervalArg.parseWholeSeconds("60s,", "--mapfile-interval", false))
                .hasMessage("'60s,': Extra characters in argument of option '--mapfile-interval'.");
    }

    @Test
    void shouldStopAtACommaOnlyWhereACommaMayFollow() throws UsageException {
        assertThat(TimeIntervalArg.parseWholeSeconds("30,60", "--mapfile-interval", true)).isEqualTo(30);
        assertThat(TimeIntervalArg.parseWholeSeconds("30s,60", "--mapfile-interval", true)).isEqualTo(30);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"0.25|1|4", "1/3|1|3", "0.01|1|100", "1.5m|90|1", "12%|3|25", "2/4|1|2"})
    void shouldKeepFractionsUpToHundredthsWhenAllowed(String arg, int numerator, int denominator)
            throws UsageException {
        assertThat(TimeIntervalArg.parse(arg, "--pause-on-error", false, 100))
                .isEqualTo(new RationalSeconds(numerator, denominator));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.001", "1/101", "1/200"})
    void shouldRefuseFractionsFinerThanHundredths(String arg) {
        assertThatThrownBy(() -> TimeIntervalArg.parse(arg, "--pause-on-error", false, 100))
                .hasMessage("'" + arg + "': Bad value in time interval argument of option '--pause-on-error'.");
    }

    @Test
    void shouldShowFractionsAsDdrescueDoes() {
        assertThat(new RationalSeconds(1, 4).toDecimal()).isEqualTo("0.25");
        assertThat(new RationalSeconds(1, 3).toDecimal()).isEqualTo("0.33");
        assertThat(new RationalSeconds(7, 1).toDecimal()).isEqualTo("7");
        assertThat(new RationalSeconds(1, 4).toNanos()).isEqualTo(250_000_000L);
        assertThat(new RationalSeconds(7, 2).wholeSeconds()).isEqualTo(3);
    }

    @Test
    void shouldRefuseFractionsThatAreNotReduced() {
        assertThatThrownBy(() -> new RationalSeconds(2, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RationalSeconds(-1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RationalSeconds(0, 3)).isInstanceOf(IllegalArgumentException.class);
    }
}
