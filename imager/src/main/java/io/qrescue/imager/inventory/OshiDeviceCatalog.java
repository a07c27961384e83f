package io.qrescue.imager.inventory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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

    /** The file type bits of st_mode, and the type of a block device (stat.h). */
    private static final int S_IFMT = 0170000;
    private static final int S_IFBLK = 0060000;

    private List<DeviceInfo> devices;

    @Override
    public synchronized List<DeviceInfo> devices() {
        if (devices == null) {
            devices = List.copyOf(query());
        }
        return devices;
    }

    /**
     * As {@link DeviceCatalog#find}, without asking the system about a path that is surely no block device
     * ({@code /dev/null} as an output, a FIFO): listing the machine costs a short run about 0.1-0.2 s.
     */
    @Override
    public Optional<DeviceInfo> find(Path path) {
        try {
            if (((Integer) Files.getAttribute(path, "unix:mode") & S_IFMT) != S_IFBLK) {
                return Optional.empty();
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            // no file or an unknown mode: ask the system as before
        }
        return DeviceCatalog.super.find(path);
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
