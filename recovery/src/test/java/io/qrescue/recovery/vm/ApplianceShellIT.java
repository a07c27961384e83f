package io.qrescue.recovery.vm;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.recovery.vm.job.ApplianceShell;
import io.qrescue.recovery.vm.job.ConsoleTranscript;
import io.qrescue.recovery.vm.qemu.Accelerator;
import io.qrescue.recovery.vm.qemu.ImageChecksums;
import io.qrescue.recovery.vm.qemu.QemuLauncher;
import io.qrescue.recovery.vm.qemu.RunningVm;
import io.qrescue.recovery.vm.qemu.VmDisk;
import io.qrescue.recovery.vm.volume.VolumeFixtures;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The appliance's console mode as a console driver sees it: login, prompt, a command, power off. */
@Tag("integration")
class ApplianceShellIT {
    @TempDir
    Path dir;

    private static void type(OutputStream in, String text) throws Exception {
        in.write(text.getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    @Test
    void shouldLogInAsAdminRunACommandAndPowerOff() throws Exception {
        Path image = VolumeFixtures.unpack("md10-single", "disk.img.gz", dir);
        String before = ImageChecksums.sha256(image);
        Duration wait = Duration.ofMinutes(5);
        try (RunningVm vm = ApplianceShell.start(QemuLauncher.fromEnvironment(), TestAppliance.get(), Accelerator.TCG,
                List.of(VmDisk.protectedImage("IMG1", image)), true, dir);
             ConsoleTranscript console = new ConsoleTranscript(vm.consoleOutput(), dir.resolve("console.log"), l -> { })) {
            console.await(Pattern.compile("qrescue login: "), wait, "the login prompt");
            type(vm.consoleInput(), "admin\n");
            console.await(Pattern.compile("Password: "), wait, "the password prompt");
            type(vm.consoleInput(), "admin\n");
            console.await(Pattern.compile("\\[~\\] # "), wait, "the shell prompt");
            type(vm.consoleInput(), "mdadm --examine /dev/by-serial/IMG1 >/dev/null 2>&1; echo \"rc=$((40+2)) $(ls /dev/by-serial)\"\n");
            var answer = console.await(Pattern.compile("rc=42 ([A-Z0-9 ]+)\n"), wait, "the command's answer");
            assertThat(answer.group(1)).isEqualTo("IMG1");
            type(vm.consoleInput(), "poweroff -f\n");
            assertThat(vm.waitForExit(Duration.ofMinutes(1))).isPresent();
        }
        assertThat(ImageChecksums.sha256(image)).isEqualTo(before);
    }
}
