package io.qrescue.recovery.imaging;

import io.qrescue.imager.rescue.RescueOptions;
import io.qrescue.imager.device.BlockDevice;
import io.qrescue.imager.device.FileDevice;
import io.qrescue.imager.rescue.Generator;
import io.qrescue.imager.rescue.ModePreparation;
import io.qrescue.imager.rescue.RescueResult;
import io.qrescue.imager.time.TimeSource;
import io.qrescue.mapfile.Domain;
import io.qrescue.mapfile.Mapfile;
import io.qrescue.mapfile.MapfileException;
import io.qrescue.mapfile.MapfileHeader;
import io.qrescue.mapfile.MapfileNotReadableException;
import io.qrescue.mapfile.MapfileReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;

/**
 * Runs generate mode ({@code -G}) for a checked command line, in ddrescue's order (ddrescue: main's
 * do_generate): the infile is opened only for its size, the mapfile may be absent, blank or an interrupted
 * generate run, and the outfile is opened read-only and never changed.
 */
final class GenerateLauncher {

    private final ImagingIo io;
    private final ImagingDisplay display;
    private final boolean handleSignals;

    GenerateLauncher(ImagingIo io, ImagingDisplay display, boolean handleSignals) {
        this.io = io;
        this.display = display;
        this.handleSignals = handleSignals;
    }

    ImagingResult launch(ImagingRequest request, Domain domain) {
        RescueOptions a = request.options();
        String mapName = request.mapfile().orElseThrow();
        Path mapPath = io.workingDir().resolve(mapName);
        String startTime = MapfileHeader.timestamp(LocalDateTime.now());
        TimeSource time = TimeSource.system();
        long inputSize;
        try (BlockDevice input = FileDevice.open(io.workingDir().resolve(request.inputFile()), a.sectorSize(), time)) {
            inputSize = input.size();
        } catch (IOException e) {
            return Imaging.fileError(display, request.inputFile(), "Can't open input file", e);
        }
        Mapfile existing;
        ModePreparation.Prepared prepared;
        try {
            try {
                existing = MapfileReader.read(mapPath, mapName, null);
            } catch (MapfileNotReadableException e) {
                existing = null;
            }
            prepared = ModePreparation.forGenerate(existing, domain, inputSize);
        } catch (MapfileException e) {
            return refuse(e.getMessage(), e.exitCode());
        }
        if (prepared.domain().isEmpty()) {
            return refuse("Nothing to do; domain is empty.", 0);
        }
        if (!Generator.accepts(prepared.map())) {
            return refuse(mapName + ": Mapfile alredy exists and is not empty.", 1); // sic, as ddrescue
        }
        if (existing != null && !Files.isWritable(mapPath)) {
            return refuse(mapName + ": Mapfile is not writable.", 1);
        }
        BlockDevice partialCopy;
        try {
            partialCopy = FileDevice.open(io.workingDir().resolve(request.outputFile()), a.sectorSize(), time);
        } catch (IOException e) {
            return Imaging.fileError(display, request.outputFile(), "Can't open output file", e);
        }
        MapfileHeader header = new MapfileHeader(MapfileHeader.RESCUE_CREATOR, request.commandLine(), startTime, null);
        try (partialCopy) {
            Generator generator = new Generator(prepared, partialCopy, a.sectorSize(), a.clusterSectors(),
                    a.outputOffset(), Imaging.mapfileTarget(mapPath, header, io, display),
                    a.mapfileSaveIntervalSeconds(), a.mapfileSyncIntervalSeconds(), time);
            display.generateStarts(request, prepared.domain().pos(), generator.progress(),
                    prepared.mapfileExisted());
            RescueResult result = InterruptibleRun.run(handleSignals, generator::run, generator::interrupt);
            display.generateEnded(request, generator.progress(), result);
            Imaging.showMessage(request, result, display);
            return ImagingResult.of(result);
        } catch (IOException e) {
            return Imaging.fileError(display, request.outputFile(), "Error closing outfile", e);
        }
    }

    private ImagingResult refuse(String message, int exitCode) {
        display.message(message);
        return ImagingResult.refused(exitCode);
    }
}
