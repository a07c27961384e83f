package io.qrescue.recovery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code qrescue boot} and {@code qrescue appliance make-volume}: the errors that come before any VM starts. */
class BootCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path dir;

    private int run(String... args) {
        return Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    @Test
    void shouldNameAMissingQnapKernelBeforeDoingAnything() throws Exception {
        // --kernel is driven over the console (KernelBoot, KernelConsoleBootIT); a missing file is named at once
        Path image = Files.write(dir.resolve("disk.img"), new byte[512]);
        int code = run("boot", "--kernel", "bzImage", "--initrd", "initrdC.boot", image.toString(), "--out",
                dir.resolve("out").toString());
        assertThat(code).isEqualTo(ExitCodes.ENVIRONMENT);
        assertThat(err.toString()).isEqualTo("qrescue: boot: bzImage: no such kernel (not a regular file)\n");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void shouldNeedAnOutputDirectoryUnlessAShellIsAsked() throws Exception {
        Path image = Files.write(dir.resolve("disk.img"), new byte[512]);
        assertThat(run("boot", image.toString())).isEqualTo(ExitCodes.ENVIRONMENT);
        assertThat(err.toString()).contains("--out DIR is required");
    }

    @Test
    void shouldNameAMissingImage() {
        Path missing = dir.resolve("missing.img");
        assertThat(run("boot", missing.toString(), "--out", dir.resolve("out").toString())).isEqualTo(ExitCodes.ENVIRONMENT);
        assertThat(err.toString()).isEqualTo("qrescue: boot: " + missing + ": no such image file\n");
    }

    @Test
    void shouldTakeAMapfileOnlyWithVolumesItServes() throws Exception {
        Path image = Files.write(dir.resolve("disk.img"), new byte[512]);
        assertThat(run("boot", image.toString(), "--map", "disk.map", "--out", dir.resolve("out").toString()))
                .isEqualTo(ExitCodes.ENVIRONMENT);
        assertThat(err.toString()).isEqualTo("qrescue: boot: --map goes with --volume (the VM reads the images "
                + "themselves otherwise)\n");
    }

    @Test
    void shouldServeVolumesOfEveryMemberAndRefuseAMapWithoutVolume() throws Exception {
        Path a = Files.write(dir.resolve("a.img"), new byte[512]);
        Path b = Files.write(dir.resolve("b.img"), new byte[512]);
        // two blank images: read together (md members), and told at once that they hold no volume
        assertThat(run("boot", a.toString(), b.toString(), "--volume", "vg1/lv1", "--out", dir.resolve("out").toString()))
                .isNotZero();
        assertThat(err.toString()).startsWith("qrescue: boot: " + a + ", " + b + ": no partition table");
        assertThat(dir.resolve("out")).doesNotExist();
        err.getBuffer().setLength(0);
        assertThat(run("boot", a.toString(), "--map", b.toString(), "--out", dir.resolve("out").toString()))
                .isEqualTo(ExitCodes.ENVIRONMENT);
        assertThat(err.toString()).isEqualTo("qrescue: boot: --map goes with --volume (the VM reads the images "
                + "themselves otherwise)\n");
    }

    @Test
    void shouldNameAVolumeTheImageDoesNotHoldBeforeStartingAnyVm() throws Exception {
        // a blank image holds no volume at all: told at once, no appliance built, no output directory made
        Path image = Files.write(dir.resolve("disk.img"), new byte[1 << 20]);
        int code = run("boot", image.toString(), "--volume", "vg1/lv9", "--out", dir.resolve("out").toString());
        assertThat(code).isNotZero();
        assertThat(err.toString()).startsWith("qrescue: boot: " + image).doesNotContain("\n\n")
                .hasLineCount(1);
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void shouldRefuseAVolumeNameThatIsNotVgSlashLv() throws Exception {
        Path image = Files.write(dir.resolve("disk.img"), new byte[1 << 20]);
        assertThat(run("boot", image.toString(), "--volume", "lv1", "--out", dir.resolve("out").toString()))
                .isEqualTo(ExitCodes.ENVIRONMENT);
        assertThat(err.toString()).isEqualTo("qrescue: boot: --volume lv1: give the volume as VG/LV, e.g. vg1/lv1\n");
    }

    @Test
    void shouldListTheKnownVariantsForAnUnknownOne() {
        assertThat(run("appliance", "make-volume", "--variant", "raid5", dir.resolve("x.img").toString()))
                .isEqualTo(ExitCodes.ENVIRONMENT);
        assertThat(err.toString()).contains("unknown variant 'raid5'")
                .contains("md10-single, md12-single, md10-raid1, md10-tier");
        assertThat(dir.resolve("x.img")).doesNotExist();
    }

    @Test
    void shouldTellHowToInstallQemuWhenPathHasNone() throws Exception {
        // a fresh JVM whose PATH has no qemu-system-x86_64 (the test JVM's own PATH cannot be changed)
        Path image = Files.write(dir.resolve("disk.img"), new byte[512]);
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "boot", image.toString(), "--out", dir.resolve("out").toString()));
        pb.environment().put("PATH", dir.toString());
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(ExitCodes.ENVIRONMENT);
        assertThat(output).isEqualTo("qrescue: boot: qemu-system-x86_64 not found on PATH; install it: "
                + "apt-get install qemu-system-x86\n");
        assertThat(dir.resolve("out")).doesNotExist();
    }
}
