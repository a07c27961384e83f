package io.qrescue.imager.inventory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Joins the raw facts of disks, partitions and mounts into {@link DeviceInfo}s. Kept apart from OSHI so the
 * rules (what counts as unknown, which mounts belong to which device) are tested with plain values.
 */
final class DeviceAssembly {

    /** A disk as OSHI reports it; text may be null, empty or "unknown". */
    record DiskFacts(String devicePath, String model, String serial, long sizeBytes, List<PartitionFacts> partitions) {
    }

    /** A partition as OSHI reports it; {@code type} is udev's ID_FS_TYPE, or "partition" when there is none. */
    record PartitionFacts(String devicePath, String type, long sizeBytes) {
    }

    /** One mounted filesystem: the device it lives on (possibly a symbolic link), where, and its type. */
    record MountFacts(String volume, String mountPoint, String type) {
    }

    private final Function<String, SysfsQueue.Facts> queueFacts;
    private final UnaryOperator<Path> canonical;

    /**
     * @param queueFacts the sysfs queue facts of a disk by kernel name ("sdb")
     * @param canonical  resolves symbolic links such as {@code /dev/mapper/x} or {@code /dev/root}; must not
     *                   throw
     */
    DeviceAssembly(Function<String, SysfsQueue.Facts> queueFacts, UnaryOperator<Path> canonical) {
        this.queueFacts = queueFacts;
        this.canonical = canonical;
    }

    /** Disks of positive size, each followed by its partitions of positive size. */
    List<DeviceInfo> assemble(List<DiskFacts> disks, List<MountFacts> mounts) {
        Map<Path, List<MountFacts>> mountsByDevice = new LinkedHashMap<>();
        for (MountFacts m : mounts) {
            // pseudo filesystems name no device ("tmpfs", "proc"); only device nodes can be ours
            if (m.volume() != null && m.volume().startsWith("/") && m.mountPoint() != null) {
                mountsByDevice.computeIfAbsent(canonical.apply(Path.of(m.volume())), k -> new ArrayList<>()).add(m);
            }
        }
        List<DeviceInfo> devices = new ArrayList<>();
        for (DiskFacts disk : disks) {
            Optional<Path> diskPath = devicePath(disk.devicePath());
            if (diskPath.isEmpty() || disk.sizeBytes() <= 0) {
                continue; // an empty card reader or an unconfigured zram has nothing to rescue
            }
            SysfsQueue.Facts queue = queueFacts.apply(diskPath.get().getFileName().toString());
            List<DeviceInfo> partitions = new ArrayList<>();
            for (PartitionFacts p : disk.partitions()) {
                Optional<Path> partPath = devicePath(p.devicePath());
                if (partPath.isEmpty() || p.sizeBytes() <= 0) {
                    continue;
                }
                List<MountFacts> partMounts = mountsByDevice.getOrDefault(partPath.get(), List.of());
                Optional<String> fsType = text(p.type()).filter(t -> !t.equals("partition"))
                        .or(() -> partMounts.stream().map(MountFacts::type).flatMap(t -> text(t).stream()).findFirst());
                partitions.add(new DeviceInfo(partPath.get(), DeviceKind.PARTITION, "", "", p.sizeBytes(),
                        queue.logicalSectorSize(), queue.physicalSectorSize(), queue.rotational(),
                        mountPoints(partMounts), fsType, List.of()));
            }
            // a whole-disk filesystem (no partition table) shows only through its mount
            List<MountFacts> ownMounts = mountsByDevice.getOrDefault(diskPath.get(), List.of());
            LinkedHashSet<String> allMountPoints = new LinkedHashSet<>(mountPoints(ownMounts));
            partitions.forEach(p -> allMountPoints.addAll(p.mountPoints()));
            devices.add(new DeviceInfo(diskPath.get(), DeviceKind.DISK, text(disk.model()).orElse(""),
                    text(disk.serial()).orElse(""), disk.sizeBytes(), queue.logicalSectorSize(),
                    queue.physicalSectorSize(), queue.rotational(), List.copyOf(allMountPoints),
                    ownMounts.stream().map(MountFacts::type).flatMap(t -> text(t).stream()).findFirst(),
                    partitions.stream().map(DeviceInfo::path).toList()));
            devices.addAll(partitions);
        }
        return devices;
    }

    /** A device node from OSHI's name for it (a device node on Linux); empty if it names no path. */
    private Optional<Path> devicePath(String name) {
        try {
            return text(name).map(Path::of).map(canonical);
        } catch (RuntimeException e) {
            return Optional.empty(); // not a valid path on this file system
        }
    }

    private static List<String> mountPoints(List<MountFacts> mounts) {
        return mounts.stream().map(MountFacts::mountPoint).distinct().toList();
    }

    /** Text that says something: not null, blank or OSHI's "unknown". */
    private static Optional<String> text(String s) {
        if (s == null || s.isBlank() || s.strip().toLowerCase(Locale.ROOT).equals("unknown")) {
            return Optional.empty();
        }
        return Optional.of(s.strip());
    }
}
