package io.qrescue.recovery.vm.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qrescue.recovery.vm.TestAppliance;
import io.qrescue.recovery.vm.VmException;
import io.qrescue.recovery.vm.appliance.Appliance;
import io.qrescue.recovery.vm.console.CommandResult;
import io.qrescue.recovery.vm.console.ConsoleLogin;
import io.qrescue.recovery.vm.console.ConsoleRecorder;
import io.qrescue.recovery.vm.console.LoginSettings;
import io.qrescue.recovery.vm.console.SerialConsole;
import io.qrescue.recovery.vm.console.ShellSession;
import io.qrescue.recovery.vm.qemu.Accelerator;
import io.qrescue.recovery.vm.qemu.ImageChecksums;
import io.qrescue.recovery.vm.qemu.QemuLauncher;
import io.qrescue.recovery.vm.qemu.RunningVm;
import io.qrescue.recovery.vm.qemu.VmSpec;
import io.qrescue.recovery.vm.volume.VolumeFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console driver and the seed plan against a real VM under TCG. No QNAP kernel is at hand, so the VM is
 * this host's Debian kernel with the appliance's initramfs in its NAS-like console mode (qrescue.login=1: a
 * "login:" prompt for admin/admin, then an interactive busybox shell on the serial console), disks on virtio.
 */
@Tag("integration")
class KernelConsoleBootIT {

    static Appliance appliance;
    static QemuLauncher launcher;
    static final String NAS_CONSOLE = "qrescue.mode=shell qrescue.login=1";

    @TempDir
    Path dir;

    @BeforeAll
    static void setUp() throws Exception {
        launcher = QemuLauncher.fromEnvironment();
        appliance = TestAppliance.get();
    }

    private static ConsoleBootOptions options(LoginSettings login) {
        return new ConsoleBootOptions(appliance.kernel(), appliance.initramfs(), NAS_CONSOLE, 512, Accelerator.TCG,
                DiskBus.VIRTIO, login, Duration.ofMinutes(3), Duration.ofMinutes(5));
    }

    private static final LoginSettings LOGIN = LoginSettings.QNAP_DEFAULTS.withTimeouts(Duration.ofMinutes(5),
            Duration.ofSeconds(60));

    private static String sorted(String manifest) {
        return manifest.lines().sorted().collect(Collectors.joining("\n"));
    }

    @Test
    void shouldRunTheSeedRecipeOverTheConsoleAndGetEveryFileBack() throws Exception {
        Path image = VolumeFixtures.unpack("md10-single", "disk.img.gz", dir);
        String before = ImageChecksums.sha256(image);
        Path out = dir.resolve("out");
        List<SeedStep> steps = new ArrayList<>();
        ConsoleBootRescue.Outcome o = new ConsoleBootRescue(launcher, steps::add).run(List.of(image), out,
                options(LOGIN));

        assertThat(o.report().failures()).isEmpty();
        assertThat(o.report().mounted()).containsExactlyInAnyOrder("vg1/lv1", "vg1/lv2", "vg1/snap10001");
        assertThat(sorted(Files.readString(out.resolve(ConsoleBootRescue.MANIFEST))))
                .isEqualTo(sorted(VolumeFixtures.oracle("md10-single", "files.sha256")));
        assertThat(steps).anyMatch(s -> s.kind().equals("verify") && s.message().equals(
                "18 files match the sha256 the VM computed"));
        assertThat(ImageChecksums.sha256(image)).isEqualTo(before);
        assertThat(out.resolve(".qrescue-work")).doesNotExist();
        System.out.printf("seed plan over the console (TCG): login prompt %.1f s, shell %.1f s, whole run %.1f s%n",
                o.loginPromptMillis() / 1000.0, o.shellReadyMillis() / 1000.0, o.totalMillis() / 1000.0);
    }

    @Test
    void shouldRestoreTheStockFormOfTheTierVariantInTheOverlayAndGetEveryFileBack() throws Exception {
        Path image = VolumeFixtures.unpack("md10-tier", "disk.img.gz", dir);
        String before = ImageChecksums.sha256(image);
        Path out = dir.resolve("out");
        List<SeedStep> steps = new ArrayList<>();
        ConsoleBootRescue.Outcome o = new ConsoleBootRescue(launcher, steps::add).run(List.of(image), out,
                options(LOGIN));

        assertThat(o.report().failures()).isEmpty();
        // the VM's stock lvm refused the VG, then took the host's stock form
        assertThat(o.report().steps()).anyMatch(s -> s.kind().equals("vgs")
                && s.output().contains("tier-thin-pool"));
        assertThat(o.report().steps()).anyMatch(s -> s.kind().equals("metadata") && s.name().equals("vg1") && s.ok());
        assertThat(sorted(Files.readString(out.resolve(ConsoleBootRescue.MANIFEST))))
                .isEqualTo(sorted(VolumeFixtures.oracle("md10-tier", "files.sha256")));
        assertThat(ImageChecksums.sha256(image)).isEqualTo(before);
        System.out.printf("tier variant over the console (TCG): whole run %.1f s%n", o.totalMillis() / 1000.0);
    }

    @Test
    void shouldStopCleanlyOnAWrongPassword() throws Exception {
        Path image = VolumeFixtures.unpack("md10-single", "disk.img.gz", dir);
        String before = ImageChecksums.sha256(image);
        Path out = dir.resolve("out");
        assertThatThrownBy(() -> new ConsoleBootRescue(launcher, s -> { }).run(List.of(image), out,
                options(LOGIN.withCredentials("admin", "wrong"))))
                .isInstanceOf(VmException.class)
                .hasMessageStartingWith("console: login as 'admin' refused: Login incorrect");
        assertThat(ImageChecksums.sha256(image)).isEqualTo(before);
        assertThat(out.resolve(".qrescue-work/console.log")).exists();
    }

    @Test
    void shouldRunManyCommandsExactlyOnTheRealConsoleWithKernelMessagesInBetween() throws Exception {
        VmSpec spec = new VmSpec(appliance.kernel(), appliance.initramfs(), NAS_CONSOLE, 512, Accelerator.TCG,
                List.of(), List.of());
        try (RunningVm vm = launcher.start(spec, dir.resolve("qemu.err"), dir)) {
            SerialConsole console = SerialConsole.start(vm.consoleOutput(), vm.consoleInput(), ConsoleRecorder.NONE);
            ShellSession shell = new ConsoleLogin(LOGIN).login(console).shell();
            Duration t = Duration.ofMinutes(2);
            for (int i = 1; i <= 40; i++) {
                CommandResult r = shell.run("echo line-" + i, t);
                assertThat(r.output()).isEqualTo("line-" + i + "\n");
                assertThat(r.exitStatus()).isZero();
            }
            String seq = IntStream.rangeClosed(1, 20000).mapToObj(i -> i + "\n").collect(Collectors.joining());
            assertThat(shell.run("seq 1 20000", t).output()).isEqualTo(seq);
            assertThat(shell.run("printf 'no-newline'", t).output()).isEqualTo("no-newline");
            assertThat(shell.run("exit 7", t).exitStatus()).isEqualTo(7);
            CommandResult read = shell.run("read x; echo \"got=[$x]\"", t);
            assertThat(read.output()).isEqualTo("got=[]\n"); // stdin is /dev/null: the next line is not eaten
            assertThat(shell.run("echo '@@RC 0000 99 0@@'", t).output()).isEqualTo("@@RC 0000 99 0@@\n");
            assertThat(shell.run("echo 'Umlaute äöü'", t).output()).isEqualTo("Umlaute äöü\n");
            // real kernel messages on the console, in the middle of the command's output
            CommandResult noisy = shell.run("dmesg -n 8; for i in $(seq 1 200); do echo \"<3>qrescue-noise-$i\" "
                    + "> /dev/kmsg; echo user-$i; done; dmesg -n 1", t);
            List<String> users = noisy.output().lines().filter(l -> l.startsWith("user-")).toList();
            assertThat(users).isEqualTo(IntStream.rangeClosed(1, 200).mapToObj(i -> "user-" + i).toList());
            assertThat(noisy.output()).doesNotContain("qrescue-noise");
            assertThat(noisy.kernelMessages()).hasSize(200).allMatch(m -> m.contains("qrescue-noise-"));
            CommandResult hung = shell.run("sleep 600", Duration.ofSeconds(3));
            assertThat(hung.ended()).isFalse();
            assertThat(shell.run("echo after-ctrl-c", t).output()).isEqualTo("after-ctrl-c\n");
        }
    }
}
