package io.qrescue.recovery.imaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.imager.inventory.DeviceInfo;
import io.qrescue.imager.inventory.DeviceKind;
import io.qrescue.imager.inventory.Rotational;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class QueueDepthsTest {

    private static Optional<DeviceInfo> disk(Rotational rotational) {
        return Optional.of(new DeviceInfo(Path.of("/dev/sdz"), DeviceKind.DISK, "model", "serial", 1L << 30,
                OptionalInt.of(512), OptionalInt.of(4096), rotational, List.of(), Optional.empty(), List.of()));
    }

    @Test
    void shouldReadOneAtATimeUnlessTheDiskIsKnownToBeFlash() {
        assertThat(QueueDepths.byDeviceType(disk(Rotational.TRUE))).isEqualTo(1);
        assertThat(QueueDepths.byDeviceType(disk(Rotational.UNKNOWN))).isEqualTo(1);
        assertThat(QueueDepths.byDeviceType(Optional.empty())).as("a regular file or test mode").isEqualTo(1);
        assertThat(QueueDepths.byDeviceType(disk(Rotational.FALSE))).isEqualTo(QueueDepths.NON_ROTATIONAL)
                .isGreaterThan(1);
    }
}
