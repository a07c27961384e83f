package io.qrescue.recovery.cli.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.mapfile.Block;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link ImageTool} end to end against the refusals of GNU ddrescue 1.27 recorded in
 * {@code ddrescue-refusals.tsv} (spec 5.1's whole list and more): same exit code, same standard error.
 */
class ImageToolTest {

    @TempDir
    Path dir;

    @BeforeEach
    void createFiles() throws IOException {
        Files.write(dir.resolve("in"), new byte[4096]);
        Files.writeString(dir.resolve("map"), "0x0 + 1\n0x0 0x1000 +\n");
        Files.writeString(dir.resolve("gaps.map"), "0x0 + 1\n0x0 0x800 +\n0x1000 0x800 +\n");
    }

    static Stream<Arguments> recordedRefusals() throws IOException {
        try (InputStream in = ImageToolTest.class.getResourceAsStream("ddrescue-refusals.tsv")) {
            String table = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return table.lines().filter(line -> !line.startsWith("#")).map(line -> {
                String[] columns = line.split("\t", -1);
                return Arguments.of(columns[0], Integer.parseInt(columns[1]), columns[2].replace("\\n", "\n"));
            }).toList().stream();
        }
    }

    @ParameterizedTest(name = "ddrescue {0}")
    @MethodSource("recordedRefusals")
    void shouldRefuseAsDdrescueDoes(String args, int exitCode, String stderr) {
        ImageRun run = ImageRun.in(dir, args.split(" "));
        assertThat(run.stderr()).isEqualTo(stderr);
        assertThat(run.exitCode()).isEqualTo(exitCode);
        assertThat(run.stdout()).isEmpty();
    }

    @Test
    void shouldCoverTheWholeArgumentValidationListOfTheSpec() throws IOException {
        // spec 5.1: every item is in the table, and every refusal there is exit 1 except the two corrupt maps
        List<Arguments> rows = recordedRefusals().toList();
        assertThat(rows).hasSizeGreaterThan(90);
        assertThat(rows.stream().filter(r -> (int) r.get()[1] == 2)).hasSize(4);
        assertThat(rows.stream().filter(r -> (int) r.get()[1] != 1 && (int) r.get()[1] != 2)).isEmpty();
    }

    @Test
    void shouldLaunchAValidRescueWithItsDomains() throws IOException {
        Files.writeString(dir.resolve("dom.map"), "0x0 + 1\n0x0 0x200 ?\n0x200 0x400 +\n0x600 0xA00 +\n");
        ImageRun run = ImageRun.in(dir, "-i", "0x300", "-s", "0x500", "-m", "dom.map", "-H", "map", "in", "out", "map");
        assertThat(run.stderr()).isEmpty();
        assertThat(run.launched()).isTrue();
        assertThat(run.request().options().inputPosition()).isEqualTo(0x300);
        assertThat(run.domain().blocks()).containsExactly(new Block(0x300, 0x500));
        assertThat(run.testDomain()).isPresent();
        assertThat(run.testDomain().get().blocks()).containsExactly(new Block(0, 0x1000));
    }

    @Test
    void shouldReadTheDomainMapfileFromStandardInput() {
        byte[] map = "0x0 + 1\n0x100 0x100 +\n".getBytes(StandardCharsets.US_ASCII);
        ImageRun run = ImageRun.in(dir, map, "-L", "-m", "-", "in", "out");
        assertThat(run.launched()).isTrue();
        assertThat(run.domain().blocks()).containsExactly(new Block(0x100, 0x100));
        assertThat(run.testDomain()).isEmpty();
    }

    @Test
    void shouldNotReadTheTestMapfileOutsideRescueMode() {
        // ddrescue ignores -H in fill and generate mode (with a warning), so a missing file does not matter
        ImageRun fill = ImageRun.in(dir, "-F+", "-H", "nothere", "in", "out", "map");
        assertThat(fill.launched()).isTrue();
        assertThat(fill.testDomain()).isEmpty();
        assertThat(fill.stderr())
                .isEqualTo("ddrescue: warning: Options -aACdeEHIJKlMnOpPrRStTuWxX are ignored in fill mode.\n");
    }

    @Test
    void shouldLeaveTheKindOfOutfileAloneInGenerateMode() {
        assertThat(ImageRun.in(dir, "-G", "in", "/dev/null", "map").launched()).isTrue();
    }

    @Test
    void shouldAllowTheSameFileWhenAsked() throws IOException {
        Files.createLink(dir.resolve("link"), dir.resolve("in"));
        assertThat(ImageRun.in(dir, "in", "link").stderr()).isEqualTo("ddrescue: link: Infile and outfile are the same.\n");
        assertThat(ImageRun.in(dir, "--same-file", "in", "link").launched()).isTrue();
        assertThat(ImageRun.in(dir, "--same-file", "in", "in", "map").launched()).isTrue();
    }

    @Test
    void shouldPrintHelpAndVersion() {
        ImageRun help = ImageRun.in(dir, "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.stderr()).isEmpty();
        assertThat(help.stdout()).startsWith("qrescue image: GNU ddrescue 1.27's rescue").contains("Usage: ddrescue [options]");
        // every long option of ddrescue's table is explained, except the undocumented aliases
        for (var option : DdrescueArgumentParser.OPTIONS) {
            if (option.longName().equals("max-errors") || option.longName().equals("exit-on-error")) {
                continue;
            }
            assertThat(help.stdout()).as(option.longName()).contains("--" + option.longName());
            if (option.code() < 256) {
                assertThat(help.stdout()).contains("-" + (char) option.code() + ", --" + option.longName());
            }
        }
        ImageRun version = ImageRun.in(dir, "-V");
        assertThat(version.exitCode()).isZero();
        assertThat(version.stdout()).isEqualTo("qrescue image, a stand-in for GNU ddrescue 1.27\n");
    }

    @Test
    void shouldPrintNothingWhenQuiet() {
        ImageRun run = ImageRun.in(dir, "-q", "in", "in");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).isEmpty();
        ImageRun corrupt = ImageRun.in(dir, "-q", "-m", "gaps.map", "in", "out");
        assertThat(corrupt.exitCode()).isEqualTo(2);
        assertThat(corrupt.stderr()).isEmpty();
    }
}
