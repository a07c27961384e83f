package io.qrescue.imager.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class DeviceAssemblyTest {

    private static final SysfsQueue.Facts HDD = new SysfsQueue.Facts(OptionalInt.of(512), OptionalInt.of(4096),
            Rotational.TRUE);

    // /dev/disk/by-uuid/... and /dev/mapper/... are links; the test plays the file system's part
    private static final Map<String, String> LINKS = Map.of("/dev/disk/by-uuid/1234", "/dev/sdb2");
    private static final UnaryOperator<Path> CANONICAL = p -> Path.of(LINKS.getOrDefault(p.toString(), p.toString()));

    private final DeviceAssembly assembly = new DeviceAssembly(name -> name.equals("sdb") ? HDD : SysfsQueue.Facts.UNKNOWN,
            CANONICAL);

    @Test
    void shouldListADiskFollowedByItsPartitionsWithTheirMounts() {
        var disk = new DeviceAssembly.DiskFacts("/dev/sdb", "WDC WD40EFRX-68N32N0", "WD-WCC7K1234567", 4_000_787_030_016L,
                List.of(new DeviceAssembly.PartitionFacts("/dev/sdb1", "linux_raid_member", 2_147_483_648L),
                        new DeviceAssembly.PartitionFacts("/dev/sdb2", "partition", 3_998_639_546_368L)));
        var mounts = List.of(new DeviceAssembly.MountFacts("/dev/disk/by-uuid/1234", "/mnt/nas", "ext4"),
                new DeviceAssembly.MountFacts("tmpfs", "/run", "tmpfs"));

        List<DeviceInfo> devices = assembly.assemble(List.of(disk), mounts);

        assertThat(devices).extracting(d -> d.path().toString()).containsExactly("/dev/sdb", "/dev/sdb1", "/dev/sdb2");
        DeviceInfo sdb = devices.get(0);
        assertThat(sdb.kind()).isEqualTo(DeviceKind.DISK);
        assertThat(sdb.model()).isEqualTo("WDC WD40EFRX-68N32N0");
        assertThat(sdb.serial()).isEqualTo("WD-WCC7K1234567");
        assertThat(sdb.mountPoints()).containsExactly("/mnt/nas");
        assertThat(sdb.filesystemType()).isEmpty();
        assertThat(sdb.partitions()).containsExactly(Path.of("/dev/sdb1"), Path.of("/dev/sdb2"));
        assertThat(sdb.rotational()).isEqualTo(Rotational.TRUE);
        DeviceInfo sdb1 = devices.get(1);
        assertThat(sdb1.kind()).isEqualTo(DeviceKind.PARTITION);
        assertThat(sdb1.filesystemType()).hasValue("linux_raid_member");
        assertThat(sdb1.mountPoints()).isEmpty();
        assertThat(sdb1.physicalSectorSize()).hasValue(4096);
        DeviceInfo sdb2 = devices.get(2);
        assertThat(sdb2.filesystemType()).as("udev said nothing; the mount tells").hasValue("ext4");
        assertThat(sdb2.mountPoints()).containsExactly("/mnt/nas");
    }

    @Test
    void shouldTakeAWholeDiskFilesystemFromItsMount() {
        var disk = new DeviceAssembly.DiskFacts("/dev/vda", "unknown", "unknown", 274_877_906_944L, List.of());

        List<DeviceInfo> devices = assembly.assemble(List.of(disk), List.of(new DeviceAssembly.MountFacts("/dev/vda", "/", "ext4")));

        assertThat(devices).singleElement().satisfies(d -> {
            assertThat(d.model()).as("OSHI's 'unknown' is no model").isEmpty();
            assertThat(d.serial()).isEmpty();
            assertThat(d.filesystemType()).hasValue("ext4");
            assertThat(d.mountPoints()).containsExactly("/");
            assertThat(d.rotational()).isEqualTo(Rotational.UNKNOWN);
            assertThat(d.logicalSectorSize()).isEmpty();
        });
    }

    @Test
    void shouldLeaveOutDevicesOfSizeZeroAndNamelessOnes() {
        var zram = new DeviceAssembly.DiskFacts("/dev/zram0", null, null, 0, List.of());
        var nameless = new DeviceAssembly.DiskFacts("", null, null, 1024, List.of());
        var emptyPartition = new DeviceAssembly.DiskFacts("/dev/sdc", " ", null, 1 << 20,
                List.of(new DeviceAssembly.PartitionFacts("/dev/sdc1", null, 0)));

        List<DeviceInfo> devices = assembly.assemble(List.of(zram, nameless, emptyPartition), List.of());

        assertThat(devices).singleElement().satisfies(d -> {
            assertThat(d.path()).isEqualTo(Path.of("/dev/sdc"));
            assertThat(d.partitions()).isEmpty();
            assertThat(d.model()).isEmpty();
        });
    }

    @Test
    void shouldListEveryMountPointOfABindMountedPartitionOnce() {
        var disk = new DeviceAssembly.DiskFacts("/dev/sdb", "m", "s", 1 << 30,
                List.of(new DeviceAssembly.PartitionFacts("/dev/sdb1", "xfs", 1 << 29)));
        var mounts = List.of(new DeviceAssembly.MountFacts("/dev/sdb1", "/srv", "xfs"),
                new DeviceAssembly.MountFacts("/dev/sdb1", "/srv/bind", "xfs"),
                new DeviceAssembly.MountFacts("/dev/sdb1", "/srv", "xfs"));

        List<DeviceInfo> devices = assembly.assemble(List.of(disk), mounts);

        assertThat(devices.get(0).mountPoints()).containsExactly("/srv", "/srv/bind");
        assertThat(devices.get(1).mountPoints()).containsExactly("/srv", "/srv/bind");
    }
}
