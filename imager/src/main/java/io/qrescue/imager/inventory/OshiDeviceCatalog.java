package io.qrescue.imager.inventory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import oshi.SystemInfo;
import oshi.hardware.HWDiskStore;
import oshi.hardware.HWPartition;
import oshi.software.os.OSFileStore;

/**
 * The block devices of this machine: disks and partitions from OSHI's {@link HWDiskStore}s, mounts from
 * OSHI's file stores, sector sizes and rotational from sysfs ({@link SysfsQueue}). The system is asked once,
 * on the first call; the answer is kept, so a command sees one consistent picture.
 */
final class OshiDeviceCatalog implements DeviceCatalog {

    private List<DeviceInfo> devices;

    @Override
    public synchronized List<DeviceInfo> devices() {
        if (devices == null) {
            devices = List.copyOf(query());
        }
        return devices;
    }

    private static List<DeviceInfo> query() {
        SystemInfo system;
        List<DeviceAssembly.DiskFacts> disks = new ArrayList<>();
        try {
            system = new SystemInfo();
            for (HWDiskStore disk : system.getHardware().getDiskStores()) {
                List<DeviceAssembly.PartitionFacts> partitions = new ArrayList<>();
                for (HWPartition p : disk.getPartitions()) {
                    // on Linux the identification is the device node; its kernel name is the fallback
                    String node = p.getIdentification() != null && p.getIdentification().startsWith("/")
                            ? p.getIdentification() : "/dev/" + p.getName();
                    partitions.add(new DeviceAssembly.PartitionFacts(node, p.getType(), p.getSize()));
                }
                disks.add(new DeviceAssembly.DiskFacts(disk.getName(), disk.getModel(), disk.getSerial(),
                        disk.getSize(), partitions));
            }
        } catch (RuntimeException | LinkageError e) {
            // no libudev, no JNA for this platform, no permission: inventory is optional, say nothing is known
            return List.of();
        }
        List<DeviceAssembly.MountFacts> mounts = new ArrayList<>();
        try {
            // false: local and network filesystems alike, so a disk mounted anywhere is seen as mounted
            for (OSFileStore store : system.getOperatingSystem().getFileSystem().getFileStores(false)) {
                mounts.add(new DeviceAssembly.MountFacts(store.getVolume(), store.getMount(), store.getType()));
            }
        } catch (RuntimeException | LinkageError e) {
            mounts.clear(); // devices without their mounts are still worth listing
        }
        DeviceAssembly assembly = new DeviceAssembly(name -> SysfsQueue.read(SysfsQueue.SYS_BLOCK, name),
                OshiDeviceCatalog::canonical);
        return assembly.assemble(disks, mounts);
    }

    private static Path canonical(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException | RuntimeException e) {
            return path.toAbsolutePath().normalize();
        }
    }
}
