package io.qrescue.recovery.cli.image;

import io.qrescue.imager.inventory.DeviceCatalog;
import io.qrescue.imager.inventory.DeviceInfo;
import io.qrescue.mapfile.MapfileFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * qrescue's checks beyond ddrescue's before a rescue starts (ddrescue already wants {@code -f} for any
 * non-regular outfile): a mounted output device is refused even with {@code -f}; an output device holding a
 * filesystem and a mounted source get a warning; and the source is recorded beside the mapfile
 * ({@link SourceIdentity}) so a resume from another disk is refused. The device facts come from the
 * inventory, which is fail-soft: when it knows nothing these checks pass, and ddrescue's own rules remain.
 */
final class DeviceSafety {

    /** Warnings to print (one line each), and the reason to refuse the run, if any. */
    record Verdict(List<String> warnings, Optional<String> refusal) {
        Verdict {
            warnings = List.copyOf(warnings);
        }
    }

    private final DeviceCatalog catalog;
    private final MapfileFiles files;

    DeviceSafety(DeviceCatalog catalog, MapfileFiles files) {
        this.catalog = catalog;
        this.files = files;
    }

    /**
     * @param inPath   infile, resolved
     * @param outPath  outfile, resolved
     * @param mapPath  the mapfile, resolved, if one is used
     * @param resuming whether the mapfile existed (a new rescue replaces a stale {@code MAPFILE.source})
     */
    Verdict check(DdrescueArguments a, Path inPath, Path outPath, Optional<Path> mapPath, boolean resuming) {
        List<String> warnings = new ArrayList<>();
        // generate mode only reads the outfile
        if (a.mode() != OperationMode.GENERATE) {
            Optional<DeviceInfo> out = device(outPath);
            if (out.isPresent()) {
                if (out.get().isMounted()) {
                    return new Verdict(warnings, Optional.of(a.outputFile() + ": is mounted on "
                            + String.join(", ", out.get().mountPoints()) + "; unmount it first"));
                }
                Set<String> filesystems = filesystems(out.get());
                if (!filesystems.isEmpty()) {
                    warnings.add(a.outputFile() + ": holds a filesystem (" + String.join(", ", filesystems)
                            + "); the rescue overwrites it");
                }
            }
        }
        // in fill mode the infile is fill data, not the source the mapfile describes
        if (a.mode() != OperationMode.RESCUE && a.mode() != OperationMode.COMMAND) {
            return new Verdict(warnings, Optional.empty());
        }
        Optional<SourceIdentity> source = Optional.empty();
        boolean regular = Files.isRegularFile(inPath);
        if (regular) {
            try {
                source = Optional.of(new SourceIdentity(inPath.toAbsolutePath().toString(), "", "", Files.size(inPath)));
            } catch (IOException e) {
                // opening the infile reports this in ddrescue's words
            }
        } else {
            Optional<DeviceInfo> in = device(inPath);
            if (in.isPresent() && in.get().isMounted()) {
                warnings.add(a.inputFile() + ": is mounted on " + String.join(", ", in.get().mountPoints())
                        + "; unmount it so that only the rescue reads the failing disk");
            }
            source = in.map(d -> new SourceIdentity(d.path().toString(), d.model(), d.serial(), d.sizeBytes()));
        }
        if (source.isEmpty() || mapPath.isEmpty()) {
            return new Verdict(warnings, Optional.empty());
        }
        return sidecar(a, regular, source.get(), SourceIdentity.sidecarOf(mapPath.get()), resuming, warnings);
    }

    /** Compares the source with the one recorded beside the mapfile, or records it. */
    private Verdict sidecar(DdrescueArguments a, boolean regular, SourceIdentity source, Path sidecar, boolean resuming,
            List<String> warnings) {
        String sidecarName = a.mapfile().orElseThrow() + ".source";
        if (resuming && Files.exists(sidecar)) {
            Optional<SourceIdentity> recorded;
            try {
                recorded = SourceIdentity.parse(Files.readString(sidecar, StandardCharsets.UTF_8));
            } catch (IOException | RuntimeException e) {
                recorded = Optional.empty();
            }
            if (recorded.isPresent()) {
                Optional<String> mismatch = recorded.get().mismatch(source);
                return new Verdict(warnings, mismatch.map(why -> a.inputFile() + ": is not the "
                        + (regular ? "file" : "disk") + " this mapfile was made from (" + why + ")"));
            }
            warnings.add(sidecarName + ": unreadable; the source is not checked and the file is rewritten");
        }
        try {
            files.replace(sidecar, source.toBytes(), false);
        } catch (IOException e) {
            warnings.add(sidecarName + ": cannot record the source: " + EngineLauncher.reason(e));
        }
        return new Verdict(warnings, Optional.empty());
    }

    /**
     * The device {@code path} is, asking the inventory only for existing files that are neither regular
     * files nor directories (asking it costs a system query).
     */
    private Optional<DeviceInfo> device(Path path) {
        if (!Files.exists(path) || Files.isRegularFile(path) || Files.isDirectory(path)) {
            return Optional.empty();
        }
        return catalog.find(path);
    }

    /** The filesystems on the device itself and on its partitions. */
    private Set<String> filesystems(DeviceInfo device) {
        Set<String> types = new LinkedHashSet<>();
        device.filesystemType().ifPresent(types::add);
        for (Path partition : device.partitions()) {
            catalog.find(partition).flatMap(DeviceInfo::filesystemType).ifPresent(types::add);
        }
        return types;
    }
}
