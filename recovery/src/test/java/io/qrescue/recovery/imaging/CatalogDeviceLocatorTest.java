package io.qrescue.recovery.imaging;

import static io.qrescue.recovery.testing.FakeDeviceCatalog.disk;
import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.imager.device.guard.DeviceIdentity;
import io.qrescue.imager.inventory.DeviceInfo;
import io.qrescue.imager.inventory.DeviceKind;
import io.qrescue.recovery.testing.FakeDeviceCatalog;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class CatalogDeviceLocatorTest {

    private static final long SIZE = 1L << 30;
    private static final DeviceIdentity IDENTITY = new DeviceIdentity("S3Z9NB0K", SIZE);

    @Test
    void shouldFindTheDiskBySerialAndSizeUnderItsNewNodeAskingAFreshCatalogEachTime() {
        Deque<FakeDeviceCatalog> listings = new ArrayDeque<>(List.of(
                new FakeDeviceCatalog(disk("/dev/sda", "system", "OTHER", SIZE)),
                new FakeDeviceCatalog(disk("/dev/sda", "system", "OTHER", SIZE), disk("/dev/sdc", "m", "S3Z9NB0K", SIZE))));
        var locator = new CatalogDeviceLocator(listings::removeFirst, DeviceKind.DISK);

        assertThat(locator.locate(IDENTITY)).isEmpty();
        assertThat(locator.locate(IDENTITY)).contains(Path.of("/dev/sdc"));
        assertThat(listings).isEmpty();
    }

    @Test
    void shouldNotTakeAnotherSizeOrAPartitionWithTheDisksSerial() {
        DeviceInfo partition = new DeviceInfo(Path.of("/dev/sdc1"), DeviceKind.PARTITION, "m", "S3Z9NB0K", SIZE,
                OptionalInt.of(512), OptionalInt.of(4096), disk("/dev/x", "m", "s", 1).rotational(), List.of(),
                Optional.empty(), List.of());
        var catalog = new FakeDeviceCatalog(disk("/dev/sdb", "m", "S3Z9NB0K", SIZE * 2), partition);
        assertThat(new CatalogDeviceLocator(() -> catalog, DeviceKind.DISK).locate(IDENTITY)).isEmpty();
    }

    @Test
    void shouldGiveNoIdentityToADeviceWithoutSerial() {
        assertThat(CatalogDeviceLocator.identityOf(disk("/dev/sdb", "m", "", SIZE))).isEmpty();
        assertThat(CatalogDeviceLocator.identityOf(disk("/dev/sdb", "m", "S3Z9NB0K", SIZE))).contains(IDENTITY);
    }
}
