package io.qrescue.imager.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The real catalog on this machine: OSHI, JNA, libudev and sysfs together. */
@Tag("integration")
@EnabledOnOs(OS.LINUX)
class OshiDeviceCatalogTest {

    @Test
    void shouldListThisMachinesDisksWithoutThrowing() {
        AtomicReference<List<DeviceInfo>> devices = new AtomicReference<>();

        assertThatCode(() -> devices.set(DeviceCatalog.system().devices())).doesNotThrowAnyException();

        assertThat(devices.get()).as("a Linux machine has at least one disk").isNotEmpty();
        assertThat(devices.get()).allSatisfy(d -> {
            assertThat(d.path().toString()).startsWith("/dev/");
            assertThat(d.sizeBytes()).isPositive();
        });
    }

    @Test
    void shouldFindTheVirtualDiskOfThisMachine() {
        Path vda = Path.of("/dev/vda");
        assumeTrue(Files.exists(vda), "the build machine's disk is /dev/vda");
        DeviceCatalog catalog = DeviceCatalog.system();

        assertThat(catalog.find(vda)).hasValueSatisfying(d -> {
            assertThat(d.kind()).isEqualTo(DeviceKind.DISK);
            assertThat(d.sizeBytes()).isPositive();
        });
        assertThat(catalog.find(Path.of("/etc/hostname"))).as("a regular file is no device").isEmpty();
        assertThat(catalog.find(Path.of("/dev/null"))).as("a character device is none either").isEmpty();
    }
}
