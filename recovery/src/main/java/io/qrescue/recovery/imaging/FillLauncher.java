package io.qrescue.recovery.imaging;

import io.qrescue.imager.rescue.RescueOptions;
import io.qrescue.imager.output.FileOutputImage;
import io.qrescue.imager.output.OutputImage;
import io.qrescue.imager.rescue.Filler;
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
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;

/**
 * Runs fill mode ({@code -F TYPES}) for a checked command line, in ddrescue's order (ddrescue: main's do_fill):
 * the mapfile must exist, an empty domain is nothing to do, the mapfile must be writable, then the fill data are
 * read from the start of infile and the outfile is opened without truncation.
 */
final class FillLauncher {

    private final ImagingIo io;
    private final ImagingDisplay display;
    private final boolean handleSignals;

    FillLauncher(ImagingIo io, ImagingDisplay display, boolean handleSignals) {
        this.io = io;
        this.display = display;
        this.handleSignals = handleSignals;
    }

    ImagingResult launch(ImagingRequest request, Domain domain) {
        RescueOptions a = request.options();
        String mapName = request.mapfile().orElseThrow();
        Path mapPath = io.workingDir().resolve(mapName);
        String startTime = MapfileHeader.timestamp(LocalDateTime.now());
        Mapfile existing;
        try {
            existing = MapfileReader.read(mapPath, mapName, null);
        } catch (MapfileNotReadableException e) {
            return refuse(mapName + ": Mapfile does not exist or is not readable.", 1);
        } catch (MapfileException e) {
            return refuse(e.getMessage(), e.exitCode());
        }
        ModePreparation.Prepared prepared = ModePreparation.forFill(existing, domain);
        if (prepared.domain().isEmpty()) {
            return refuse("Nothing to do; domain is empty.", 0);
        }
        if (!Files.isWritable(mapPath)) {
            return refuse(mapName + ": Mapfile is not writable.", 1);
        }
        byte[] fillData = new byte[a.clusterBytes()];
        int fillLength;
        try (InputStream in = Files.newInputStream(io.workingDir().resolve(request.inputFile()))) {
            fillLength = in.readNBytes(fillData, 0, fillData.length);
        } catch (IOException e) {
            return Imaging.fileError(display, request.inputFile(), "Can't open input file", e);
        }
        if (fillLength <= 0) {
            return refuse(request.inputFile() + ": Error reading fill data from input file", 1);
        }
        MapfileHeader header = new MapfileHeader(MapfileHeader.RESCUE_CREATOR, request.commandLine(), startTime, null);
        try (OutputImage output = FileOutputImage.open(io.workingDir().resolve(request.outputFile()), false)) {
            Filler filler = new Filler(a, prepared, fillData, fillLength, output,
                    Imaging.mapfileTarget(mapPath, header, io, display), TimeSource.system());
            display.fillStarts(request, prepared.domain().pos(), prepared.domain().inSize(), filler.progress(),
                    prepared.mapfileExisted());
            RescueResult result = InterruptibleRun.run(handleSignals, filler::run, filler::interrupt);
            display.fillEnded(request, filler.progress(), result);
            Imaging.showMessage(request, result, display);
            return ImagingResult.of(result);
        } catch (IOException e) {
            return Imaging.fileError(display, request.outputFile(), "Can't open output file", e);
        }
    }

    private ImagingResult refuse(String message, int exitCode) {
        display.message(message);
        return ImagingResult.refused(exitCode);
    }
}
