package io.qrescue.recovery.vm.rescue;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.recovery.vm.appliance.Appliance;
import io.qrescue.recovery.vm.appliance.ApplianceBuilder;
import io.qrescue.recovery.vm.qemu.Accelerator;
import io.qrescue.recovery.vm.qemu.QemuLauncher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the rescue job's VM fallback says when this machine cannot run it: each missing thing and its install line. */
class BootFallbackTest {

    @TempDir
    Path dir;

    private static final BootFallback.Setup NO_SETUP = new BootFallback.Setup() {
        @Override
        public Appliance appliance() throws IOException {
            throw new IOException("not in this test");
        }

        @Override
        public Accelerator accelerator(QemuLauncher launcher, Appliance appliance) {
            return Accelerator.TCG;
        }
    };

    private BootFallback fallback(String path, ApplianceBuilder builder) {
        return new BootFallback(path, builder, NO_SETUP, Duration.ofSeconds(1), Duration.ofSeconds(1),
                Duration.ofSeconds(1), line -> { }, line -> { });
    }

    @Test
    void shouldNameTheMissingQemuAndKernelWithTheirInstallLines() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        String missing = fallback(empty.toString(), new ApplianceBuilder(empty, empty, empty.resolve("busybox")))
                .missing().orElseThrow();
        assertThat(missing).contains("qemu-system-x86_64 not found on PATH; install it: apt-get install "
                + "qemu-system-x86").contains("no kernel").contains("apt-get install linux-image-amd64");
    }

    @Test
    void shouldFindQemuOnThePathGiven() throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path qemu = Files.createFile(bin.resolve("qemu-system-x86_64"));
        assertThat(qemu.toFile().setExecutable(true)).isTrue();
        Path empty = Files.createDirectories(dir.resolve("empty"));
        String missing = fallback(bin.toString(), new ApplianceBuilder(empty, empty, empty.resolve("busybox")))
                .missing().orElseThrow();
        assertThat(missing).doesNotContain("qemu").contains("no kernel");
    }
}
