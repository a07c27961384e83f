package io.qrescue.recovery.cli.image;

import io.qrescue.imager.device.BlockDevice;
import io.qrescue.imager.device.FileDevice;
import io.qrescue.imager.rescue.FileMapfileSaver;
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
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;

/**
 * Runs generate mode ({@code -G}) for a checked command line, in ddrescue's order (ddrescue: main's
 * do_generate): the infile is opened only for its size, the mapfile may be absent, blank or an interrupted
 * generate run, and the outfile is opened read-only and never changed.
 */
final class GenerateLauncher {

    private final String programName;
    private final String commandLine;
    private final ImageTool.Io io;
    private final boolean handleSignals;

    GenerateLauncher(String programName, String commandLine, ImageTool.Io io, boolean handleSignals) {
        this.programName = programName;
        this.commandLine = commandLine;
        this.io = io;
        this.handleSignals = handleSignals;
    }

    int launch(DdrescueArguments a, Domain domain) {
        LaunchMessages messages = new LaunchMessages(programName, io, a.verbosity());
        String mapName = a.mapfile().orElseThrow();
        Path mapPath = io.workingDir().resolve(mapName);
        String startTime = MapfileHeader.timestamp(LocalDateTime.now());
        TimeSource time = TimeSource.system();
        long inputSize;
        try (BlockDevice input = FileDevice.open(io.workingDir().resolve(a.inputFile()), a.sectorSize(), time)) {
            inputSize = input.size();
        } catch (IOException e) {
            return messages.fileError(a.inputFile(), "Can't open input file", e);
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
            return messages.message(e.getMessage(), e.exitCode());
        }
        if (prepared.domain().isEmpty()) {
            return messages.message("Nothing to do; domain is empty.", 0);
        }
        if (!Generator.accepts(prepared.map())) {
            return messages.message(mapName + ": Mapfile alredy exists and is not empty.", 1); // sic, as ddrescue
        }
        if (existing != null && !Files.isWritable(mapPath)) {
            return messages.message(mapName + ": Mapfile is not writable.", 1);
        }
        BlockDevice partialCopy;
        try {
            partialCopy = FileDevice.open(io.workingDir().resolve(a.outputFile()), a.sectorSize(), time);
        } catch (IOException e) {
            return messages.fileError(a.outputFile(), "Can't open output file", e);
        }
        MapfileHeader header = new MapfileHeader(MapfileHeader.RESCUE_CREATOR, commandLine, startTime, null);
        ModeScreen screen = new ModeScreen(new PrintStream(io.stdout(), false, StandardCharsets.ISO_8859_1),
                a.verbosity());
        try (partialCopy) {
            Generator generator = new Generator(prepared, partialCopy, a.sectorSize(), a.clusterSectors(),
                    a.outputOffset(), new FileMapfileSaver(mapPath, header, LocalDateTime::now),
                    a.mapfileIntervals().saveSeconds(), a.mapfileIntervals().syncSeconds(), time);
            screen.generateStarts(a, prepared.domain().pos(), generator.progress(), prepared.mapfileExisted());
            RescueResult result = InterruptibleRun.run(handleSignals, generator::run, generator::interrupt);
            screen.generateEnded(generator.progress(), a.outputOffset(), result);
            if (!result.message().isEmpty()) {
                messages.message(a.inputFile() + ": " + result.message(), result.exitCode());
            }
            return result.exitCode();
        } catch (IOException e) {
            return messages.fileError(a.outputFile(), "Error closing outfile", e);
        }
    }
}
