package io.qrescue.recovery.cli.image;

import io.qrescue.imager.output.FileOutputImage;
import io.qrescue.imager.output.OutputImage;
import io.qrescue.imager.rescue.FileMapfileSaver;
import io.qrescue.imager.rescue.FillOptions;
import io.qrescue.imager.rescue.Filler;
import io.qrescue.imager.rescue.ModePreparation;
import io.qrescue.imager.rescue.RescueResult;
import io.qrescue.imager.time.TimeSource;
import io.qrescue.mapfile.BlockStatus;
import io.qrescue.mapfile.Domain;
import io.qrescue.mapfile.Mapfile;
import io.qrescue.mapfile.MapfileException;
import io.qrescue.mapfile.MapfileHeader;
import io.qrescue.mapfile.MapfileNotReadableException;
import io.qrescue.mapfile.MapfileReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;

/**
 * Runs fill mode ({@code -F TYPES}) for a checked command line, in ddrescue's order (ddrescue: main's do_fill):
 * the mapfile must exist, an empty domain is nothing to do, the mapfile must be writable, then the fill data are
 * read from the start of infile and the outfile is opened without truncation.
 */
final class FillLauncher {

    private final String programName;
    private final String commandLine;
    private final ImageTool.Io io;
    private final boolean handleSignals;

    FillLauncher(String programName, String commandLine, ImageTool.Io io, boolean handleSignals) {
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
        Mapfile existing;
        try {
            existing = MapfileReader.read(mapPath, mapName, null);
        } catch (MapfileNotReadableException e) {
            return messages.message(mapName + ": Mapfile does not exist or is not readable.", 1);
        } catch (MapfileException e) {
            return messages.message(e.getMessage(), e.exitCode());
        }
        ModePreparation.Prepared prepared = ModePreparation.forFill(existing, domain);
        if (prepared.domain().isEmpty()) {
            return messages.message("Nothing to do; domain is empty.", 0);
        }
        if (!Files.isWritable(mapPath)) {
            return messages.message(mapName + ": Mapfile is not writable.", 1);
        }
        byte[] fillData = new byte[a.clusterBytes()];
        int fillLength;
        try (InputStream in = Files.newInputStream(io.workingDir().resolve(a.inputFile()))) {
            fillLength = in.readNBytes(fillData, 0, fillData.length);
        } catch (IOException e) {
            return messages.fileError(a.inputFile(), "Can't open input file", e);
        }
        if (fillLength <= 0) {
            return messages.message(a.inputFile() + ": Error reading fill data from input file", 1);
        }
        FillOptions options = new FillOptions(a.fillTypes(), a.fillWritesLocation(), a.ignoreWriteErrors(),
                a.synchronousWrites(), a.sectorSize(), a.clusterSectors(), a.outputOffset(),
                a.mapfileIntervals().saveSeconds(), a.mapfileIntervals().syncSeconds());
        MapfileHeader header = new MapfileHeader(MapfileHeader.RESCUE_CREATOR, commandLine, startTime, null);
        PrintStream stdout = new PrintStream(io.stdout(), false, StandardCharsets.ISO_8859_1);
        ModeScreen screen = new ModeScreen(stdout, a.verbosity());
        try (OutputImage output = FileOutputImage.open(io.workingDir().resolve(a.outputFile()), false)) {
            Filler filler = new Filler(options, prepared, fillData, fillLength, output,
                    new FileMapfileSaver(mapPath, header, LocalDateTime::now), TimeSource.system());
            screen.fillStarts(a, prepared.domain().pos(), prepared.domain().inSize(), typesText(a),
                    filler.progress(), prepared.mapfileExisted());
            RescueResult result = InterruptibleRun.run(handleSignals, filler::run, filler::interrupt);
            screen.fillEnded(filler.progress(), a.outputOffset(), result);
            if (!result.message().isEmpty()) {
                messages.message(a.outputFile() + ": " + result.message(), result.exitCode());
            }
            return result.exitCode();
        } catch (IOException e) {
            return messages.fileError(a.outputFile(), "Can't open output file", e);
        }
    }

    /** The -F argument as ddrescue echoes it; rebuilt from the parsed types, in ddrescue's status order. */
    private static String typesText(DdrescueArguments a) {
        StringBuilder b = new StringBuilder();
        for (BlockStatus status : a.fillTypes()) {
            b.append(status.symbol());
        }
        return a.fillWritesLocation() ? b.append('l').toString() : b.toString();
    }
}
