package io.qrescue.recovery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every hand-written case of {@code vectors/ddrescue-1.27/mapfile_parsing}: {@code qrescue log -t CASE} gives
 * the exit code, the error message (same line number) and the summary that GNU ddrescuelog gave.
 */
class MapfileParsingVectorsTest {

    private static final Path DIR = SharedFiles.vectors().resolve("mapfile_parsing");

    /** One line of results/expected.tsv. */
    record Case(String name, int exitCode, String stderr) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() throws IOException {
        return Files.readAllLines(DIR.resolve("results/expected.tsv"), StandardCharsets.ISO_8859_1).stream()
                .map(line -> line.split("\t", -1))
                .map(f -> new Case(f[0], Integer.parseInt(f[1]), f[2]));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void shouldParseLikeDdrescuelog(Case c) throws IOException {
        LogRun run = LogRun.qrescue(DIR, new byte[0], "-t", "cases/" + c.name() + ".map");

        assertThat(run.exitCode()).isEqualTo(c.exitCode());
        // expected.tsv holds stderr with newlines turned into spaces
        assertThat(run.stderr().replace('\n', ' ')).isEqualTo(c.stderr());
        String expectedOut = Files.readString(DIR.resolve("results/" + c.name() + ".log_t.out"), StandardCharsets.ISO_8859_1);
        assertThat(run.stdout()).isEqualTo(expectedOut);
    }
}
