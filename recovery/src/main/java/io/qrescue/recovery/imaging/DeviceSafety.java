package io.qrescue.recovery.imaging;

import io.qrescue.imager.inventory.DeviceCatalog;
import io.qrescue.imager.rescue.OperationMode;
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
 * qrescue's checks beyond ddrescue's before a run starts (ddrescue already wants {@code -f} for any
 * non-regular outfile): a mounted output device is refused even with {@code -f}; an output device holding a
 * filesystem and a mounted source get a warning; and every source the mapfile is fed from is recorded beside it
 * ({@link SourceHistory}), which refuses only a different disk of a different size. The device facts come from the
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
    Verdict check(ImagingRequest request, Path inPath, Path outPath, Optional<Path> mapPath, boolean resuming) {
        OperationMode mode = request.options().mode();
        List<String> warnings = new ArrayList<>();
        // generate mode only reads the outfile
        if (mode != OperationMode.GENERATE) {
            Optional<DeviceInfo> out = device(outPath);
            if (out.isPresent()) {
                if (out.get().isMounted()) {
                    return new Verdict(warnings, Optional.of(request.outputFile() + ": is mounted on "
                            + String.join(", ", out.get().mountPoints()) + "; unmount it first"));
                }
                Set<String> filesystems = filesystems(out.get());
                if (!filesystems.isEmpty()) {
                    warnings.add(request.outputFile() + ": holds a filesystem (" + String.join(", ", filesystems)
                            + "); the rescue overwrites it");
                }
            }
        }
        // in fill mode the infile is fill data, not the source the mapfile describes
        if (mode == OperationMode.FILL) {
            return new Verdict(warnings, Optional.empty());
        }
        Optional<SourceHistory.Source> source = Optional.empty();
        if (Files.isRegularFile(inPath)) {
            try {
                source = Optional.of(new SourceHistory.Source(inPath.toAbsolutePath().normalize().toString(),
                        SourceHistory.Kind.FILE, "", "", Files.size(inPath)));
            } catch (IOException e) {
                // opening the infile reports this in ddrescue's words
            }
        } else {
            Optional<DeviceInfo> in = device(inPath);
            if (in.isPresent() && in.get().isMounted()) {
                warnings.add(request.inputFile() + ": is mounted on " + String.join(", ", in.get().mountPoints())
                        + "; unmount it so that only the rescue reads the failing disk");
            }
            source = in.map(d -> new SourceHistory.Source(d.path().toString(), SourceHistory.Kind.DEVICE, d.model(),
                    d.serial(), d.sizeBytes()));
        }
        if (source.isEmpty() || mapPath.isEmpty()) {
            return new Verdict(warnings, Optional.empty());
        }
        return record(request, source.get(), mapPath.get(), resuming, warnings);
    }

    /** Checks the source against those recorded beside the mapfile and records it. */
    private Verdict record(ImagingRequest request, SourceHistory.Source source, Path mapPath, boolean resuming,
            List<String> warnings) {
        String mapName = request.mapfile().orElseThrow();
        Path sidecar = SourceHistory.sidecarOf(mapPath);
        SourceHistory history = new SourceHistory(List.of());
        if (resuming && Files.exists(sidecar)) {
            try {
                history = SourceHistory.parse(Files.readString(sidecar, StandardCharsets.UTF_8));
            } catch (IOException | RuntimeException e) {
                history = new SourceHistory(List.of());
            }
            if (history.sources().isEmpty()) {
                warnings.add(mapName + ".source: unreadable; the source is not checked and the file is rewritten");
            }
        }
        if (!history.sources().isEmpty()) {
            SourceHistory.Verdict verdict = history.check(source, request.own().addSource(), request.inputFile(),
                    mapName);
            if (verdict instanceof SourceHistory.Refused refused) {
                return new Verdict(warnings, Optional.of(refused.reason()));
            }
            if (verdict instanceof SourceHistory.Known) {
                return new Verdict(warnings, Optional.empty());
            }
            warnings.add(((SourceHistory.Added) verdict).warning());
        }
        try {
            files.replace(sidecar, history.with(source).toBytes(), false);
        } catch (IOException e) {
            warnings.add(mapName + ".source: cannot record the source: " + Imaging.reason(e));
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
