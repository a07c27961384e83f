package io.qrescue.recovery.cli.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qrescue.recovery.cli.gnu.UsageException;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CopyPassListTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1|1", "5|5", "1-5|1 2 3 4 5", "1,3|1 3", "3,1|1 3", "2-4,1|1 2 3 4", "5,5|5", "1-1|1", "1,2-3,5|1 2 3 5",
            "4-5,1-2|1 2 4 5"})
    void shouldSelectPassesAndRanges(String arg, String passes) throws UsageException {
        assertThat(CopyPassList.parse(arg, "--cpass"))
                .containsExactlyElementsOf(Arrays.stream(passes.split(" ")).map(Integer::valueOf).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0"})
    void shouldSelectNoPassForALoneZero(String arg) throws UsageException {
        assertThat(CopyPassList.parse(arg, "--cpass")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            ",", "1,", "-1", "1-", "6", "1,6", "1-6", "3-2", // spec 5.1 item 6
            "00", "0,1", "1-5,0", "11", "1,,2", " 1", "1 ", "1-2-3", "a", "01"})
    void shouldRefuseAnythingElse(String arg) {
        assertThatThrownBy(() -> CopyPassList.parse(arg, "--cpass")).isInstanceOf(UsageException.class)
                .hasMessage("'" + arg + "': Invalid pass or range of passes in option '--cpass'.");
    }
}
