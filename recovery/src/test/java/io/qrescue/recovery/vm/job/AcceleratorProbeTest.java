package io.qrescue.recovery.vm.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.recovery.vm.appliance.Appliance;
import io.qrescue.recovery.vm.appliance.ApplianceStamp;
import io.qrescue.recovery.vm.qemu.Accelerator;
import io.qrescue.recovery.vm.qemu.QemuLauncher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AcceleratorProbeTest {
    @TempDir
    Path dir;

    private Appliance appliance() {
        return new Appliance(dir.resolve("vmlinuz"), dir.resolve("initramfs"), new ApplianceStamp("1", "s", "k", Map.of()),
                dir);
    }

    @Test
    void shouldUseTcgWithoutProbingWhenThereIsNoKvmDevice() throws Exception {
        // a qemu that does not exist: any attempt to probe would fail with an exception
        AcceleratorProbe probe = new AcceleratorProbe(new QemuLauncher(dir.resolve("no-qemu")), dir.resolve("no-kvm"));
        assertThat(probe.choose(appliance(), Duration.ofSeconds(1))).isEqualTo(Accelerator.TCG);
        assertThat(dir.resolve(AcceleratorProbe.CACHE_FILE)).doesNotExist();
    }

    @Test
    void shouldReuseTheAnswerOfAnEarlierProbeForTheSameApplianceAndQemu() throws Exception {
        Path kvm = Files.createFile(dir.resolve("kvm"));
        QemuLauncher launcher = new QemuLauncher(dir.resolve("no-qemu"));
        Appliance appliance = appliance();
        String key = Integer.toHexString(appliance.stamp().text().hashCode()) + " " + launcher.qemu();
        Files.writeString(dir.resolve(AcceleratorProbe.CACHE_FILE), key + "\nKVM\n");
        assertThat(new AcceleratorProbe(launcher, kvm).choose(appliance, Duration.ofSeconds(1))).isEqualTo(Accelerator.KVM);
    }

    @Test
    void shouldProbeAgainAndFallBackToTcgWhenTheProbeVmCannotBoot() throws Exception {
        Path kvm = Files.createFile(dir.resolve("kvm"));
        Files.writeString(dir.resolve("vmlinuz"), "not a kernel");
        Files.writeString(dir.resolve("initramfs"), "x");
        Path fakeQemu = Files.writeString(dir.resolve("qemu"), "#!/bin/sh\necho 'qemu: KVM internal error' >&2\nexit 1\n");
        fakeQemu.toFile().setExecutable(true);
        QemuLauncher launcher = new QemuLauncher(fakeQemu);
        Files.writeString(dir.resolve(AcceleratorProbe.CACHE_FILE), "stale-key\nKVM\n");
        assertThat(new AcceleratorProbe(launcher, kvm).choose(appliance(), Duration.ofSeconds(20)))
                .isEqualTo(Accelerator.TCG);
        assertThat(Files.readAllLines(dir.resolve(AcceleratorProbe.CACHE_FILE)).get(1)).isEqualTo("TCG");
    }
}
