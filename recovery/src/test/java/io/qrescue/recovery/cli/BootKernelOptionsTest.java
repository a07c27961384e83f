package io.qrescue.recovery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code qrescue boot --kernel}: bad input ends with one clear line, exit 1, the image untouched, nothing left over. */
class BootKernelOptionsTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    @Test
    void shouldRefuseAnInitrdWithoutAKernel() throws Exception {
        Path image = Files.write(dir.resolve("p3.img"), new byte[4096]);
        assertThat(run("boot", "--initrd", "initrdC.boot", "--out", dir.resolve("o").toString(), image.toString()))
                .isEqualTo(ExitCodes.ENVIRONMENT);
        assertThat(err.toString()).isEqualTo("qrescue: boot: --initrd needs --kernel\n");
    }

    @Test
    void shouldNameAMissingKernelAndLeaveNoOutputDiskBehind() throws Exception {
        Path image = Files.write(dir.resolve("p3.img"), new byte[1 << 20]);
        Path outDir = dir.resolve("o");
        int code = run("boot", "--kernel", dir.resolve("bzImage").toString(), "--accel", "tcg", "--out",
                outDir.toString(), image.toString());
        assertThat(code).isEqualTo(ExitCodes.ENVIRONMENT);
        assertThat(err.toString()).isEqualTo("qrescue: boot: " + dir.resolve("bzImage")
                + ": no such kernel (not a regular file)\n");
        assertThat(outDir).doesNotExist();
        assertThat(Files.readAllBytes(image)).isEqualTo(new byte[1 << 20]);
    }

    @Test
    void shouldNameAMissingImage() {
        int code = run("boot", "--kernel", "bzImage", "--accel", "tcg", "--out", dir.resolve("o").toString(),
                dir.resolve("nope.img").toString());
        assertThat(code).isEqualTo(ExitCodes.ENVIRONMENT);
        assertThat(err.toString()).isEqualTo("qrescue: boot: " + dir.resolve("nope.img") + ": no such image file\n");
    }
}
