package io.qrescue.recovery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code qrescue appliance digests}: the errors that come before any VM starts. */
class VolumeDigestsCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path dir;

    private int run(String... args) {
        return Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    @Test
    void shouldRefuseAVerifyThatIsNotVolumeEqualsFile() throws Exception {
        Path image = Files.write(dir.resolve("disk.img"), new byte[512]);
        for (String bad : new String[] {"lv1.img", "vg1=lv1.img", "vg1/lv1=", "=x", "vg1/lv 1=x"}) {
            StringWriter e = new StringWriter();
            int code = Main.commandLine(new PrintWriter(out, true), new PrintWriter(e, true))
                    .execute("appliance", "digests", image.toString(), "--verify", bad);
            assertThat(code).as(bad).isEqualTo(ExitCodes.ENVIRONMENT);
            assertThat(e.toString()).as(bad).isEqualTo("qrescue: appliance digests: --verify wants VG/LV=FILE, got '"
                    + bad + "'\n");
        }
    }

    @Test
    void shouldNameAMissingFileToVerifyAndAMissingImage() throws Exception {
        Path image = Files.write(dir.resolve("disk.img"), new byte[512]);
        Path missing = dir.resolve("lv1.img");
        assertThat(run("appliance", "digests", image.toString(), "--verify", "vg1/lv1=" + missing))
                .isEqualTo(ExitCodes.ENVIRONMENT);
        assertThat(err.toString()).isEqualTo("qrescue: appliance digests: " + missing + ": no such file to verify\n");

        StringWriter e = new StringWriter();
        Path noImage = dir.resolve("none.img");
        assertThat(Main.commandLine(new PrintWriter(out, true), new PrintWriter(e, true))
                .execute("appliance", "digests", noImage.toString())).isEqualTo(ExitCodes.ENVIRONMENT);
        assertThat(e.toString()).isEqualTo("qrescue: appliance digests: " + noImage + ": no such image file\n");
    }

    @Test
    void shouldRefuseTheSameVolumeVerifiedTwice() throws Exception {
        Path image = Files.write(dir.resolve("disk.img"), new byte[512]);
        Path a = Files.write(dir.resolve("a.img"), new byte[512]);
        assertThat(run("appliance", "digests", image.toString(), "--verify", "vg1/lv1=" + a, "--verify",
                "vg1/lv1=" + a)).isEqualTo(ExitCodes.ENVIRONMENT);
        assertThat(err.toString()).isEqualTo("qrescue: appliance digests: --verify names vg1/lv1 twice\n");
    }
}
