package io.qrescue.recovery.cli.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qrescue.recovery.cli.gnu.UsageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OperandFileChecksTest {

    @TempDir
    Path dir;

    private OperandFileChecks checks;

    @BeforeEach
    void createFiles() throws IOException {
        Files.write(dir.resolve("in"), new byte[512]);
        Files.writeString(dir.resolve("map"), "0x0 + 1\n");
        checks = new OperandFileChecks(dir);
    }

    private DdrescueArgumentParser.Run args(String... args) throws UsageException {
        return (DdrescueArgumentParser.Run) new DdrescueArgumentParser(checks).parse(args);
    }

    private String refusal(String... args) throws UsageException {
        DdrescueArgumentParser.Run a = args(args);
        try {
            checks.check(a);
        } catch (UsageException e) {
            return e.getMessage() + (e.suggestHelp() ? " [help]" : "");
        }
        throw new AssertionError("accepted");
    }

    @Test
    void shouldAcceptDistinctRegularFiles() throws UsageException {
        assertThatCode(() -> checks.check(args("in", "out", "map"))).doesNotThrowAnyException();
        assertThatCode(() -> checks.check(args("in", "out"))).doesNotThrowAnyException();
        // files that do not exist yet are fine, and so is an existing regular outfile
        assertThatCode(() -> checks.check(args("in", "map2", "new.map"))).doesNotThrowAnyException();
    }

    @Test
    void shouldFindTheSameFileByNameOrByIdentity() throws IOException, UsageException {
        Files.createLink(dir.resolve("hard"), dir.resolve("in"));
        Files.createSymbolicLink(dir.resolve("soft"), dir.resolve("in"));
        Files.createLink(dir.resolve("maplink"), dir.resolve("map"));
        assertThat(refusal("in", "in")).isEqualTo("in: Infile and outfile are the same.");
        assertThat(refusal("in", "hard")).isEqualTo("hard: Infile and outfile are the same.");
        assertThat(refusal("in", "soft")).isEqualTo("soft: Infile and outfile are the same.");
        assertThat(refusal("in", "./in")).isEqualTo("./in: Infile and outfile are the same.");
        assertThat(refusal("in", "out", "hard")).isEqualTo("hard: Infile and mapfile are the same.");
        assertThat(refusal("in", "out", "in")).isEqualTo("in: Infile and mapfile are the same.");
        assertThat(refusal("in", "map", "maplink")).isEqualTo("maplink: Outfile and mapfile are the same.");
        assertThat(refusal("in", "out", "out")).isEqualTo("out: Outfile and mapfile are the same.");
        // a file that does not exist is only the same by name
        assertThat(refusal("new", "new")).isEqualTo("new: Infile and outfile are the same.");
        assertThatCode(() -> checks.check(args("new", "new2", "new3"))).doesNotThrowAnyException();
    }

    @Test
    void shouldLetSameFileThroughButStillGuardTheMapfile() throws IOException, UsageException {
        Files.createLink(dir.resolve("hard"), dir.resolve("in"));
        assertThatCode(() -> checks.check(args("--same-file", "in", "hard", "map"))).doesNotThrowAnyException();
        assertThat(refusal("--same-file", "in", "hard", "in")).isEqualTo("in: Infile and mapfile are the same.");
        // ddrescue's quirk: with equal names it never looks at the disk, so a linked mapfile slips through
        assertThatCode(() -> checks.check(args("--same-file", "in", "in", "hard"))).doesNotThrowAnyException();
    }

    @Test
    void shouldCompareTheBackupByNameOnly() throws IOException, UsageException {
        assertThat(refusal("in.bak", "out", "in")).isEqualTo("in.bak: Infile and mapfile backup are the same.");
        assertThat(refusal("in", "map.bak", "map")).isEqualTo("map.bak: Outfile and mapfile backup are the same.");
        Files.createLink(dir.resolve("map.bak"), dir.resolve("in"));
        assertThatCode(() -> checks.check(args("in", "out", "map"))).doesNotThrowAnyException();
    }

    @Test
    void shouldRequireARegularMapfileAndBackup() throws IOException, UsageException {
        Files.createDirectory(dir.resolve("d"));
        Files.createDirectory(dir.resolve("m.bak"));
        Files.createSymbolicLink(dir.resolve("dlink"), dir.resolve("d"));
        assertThat(refusal("in", "out", "d")).isEqualTo("d: Mapfile exists and is not a regular file.");
        assertThat(refusal("in", "out", "dlink")).isEqualTo("dlink: Mapfile exists and is not a regular file.");
        assertThat(refusal("in", "out", "/dev/null")).isEqualTo("/dev/null: Mapfile exists and is not a regular file.");
        assertThat(refusal("in", "out", "m")).isEqualTo("m.bak: Mapfile backup exists and is not a regular file.");
        // a dangling link is a file that does not exist yet, as for stat
        Files.createSymbolicLink(dir.resolve("dangling"), dir.resolve("nowhere"));
        assertThatCode(() -> checks.check(args("in", "out", "dangling"))).doesNotThrowAnyException();
    }

    @Test
    void shouldRequireForceForANonRegularOutfile() throws UsageException {
        String advice = "/dev/null: Output file exists and is not a regular file.\n"
                + "Use '--force' if you really want to overwrite it, but be\n"
                + "          aware that all existing data in the output file will be lost. [help]";
        assertThat(refusal("in", "/dev/null")).isEqualTo(advice);
        assertThatCode(() -> checks.check(args("-f", "in", "/dev/null"))).doesNotThrowAnyException();
        assertThat(refusal("-f", "-p", "in", "/dev/null"))
                .isEqualTo("/dev/null: Output file exists and is not a regular file.\nOnly regular files can be preallocated. [help]");
        assertThat(refusal("-f", "-S", "in", "/dev/null"))
                .isEqualTo("/dev/null: Output file exists and is not a regular file.\nOnly regular files can be sparse. [help]");
        assertThat(refusal("-f", "-x1", "in", "/dev/null"))
                .isEqualTo("/dev/null: Output file exists and is not a regular file.\nOnly regular files can be extended. [help]");
        assertThat(refusal("-p", "in", "/dev/null")).as("without -f the advice is about -f").isEqualTo(advice);
        // generate mode only reads outfile
        assertThatCode(() -> checks.check(args("-G", "-p", "in", "/dev/null", "map"))).doesNotThrowAnyException();
    }

    @Test
    void shouldTellNonRegularFilesForTheLogOptions() throws IOException {
        Files.createDirectory(dir.resolve("d"));
        assertThat(checks.existsAsNonRegular("d")).isTrue();
        assertThat(checks.existsAsNonRegular("in")).isFalse();
        assertThat(checks.existsAsNonRegular("nothing")).isFalse();
        assertThat(checks.existsAsNonRegular("/dev/null")).isTrue();
        assertThatThrownBy(() -> args("--log-events=d", "in", "out"))
                .hasMessage("d: Logfile exists and is not a regular file.");
    }
}
