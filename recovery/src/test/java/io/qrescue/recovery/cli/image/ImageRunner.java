package io.qrescue.recovery.cli.image;

import io.qrescue.imager.output.OutputImage;
import io.qrescue.imager.rescue.RescueListener;
import io.qrescue.imager.rescue.RescueResult;
import io.qrescue.mapfile.MapfileSaveFailure;
import io.qrescue.recovery.imaging.Imaging;
import io.qrescue.recovery.imaging.ImagingDisplay;
import io.qrescue.recovery.imaging.ImagingIo;
import io.qrescue.recovery.imaging.ImagingRequest;
import io.qrescue.recovery.imaging.QrescueOptions;
import io.qrescue.recovery.testing.FakeDeviceCatalog;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * {@code qrescue image} in this JVM as the tests run it: ddrescue's messages on {@code stderr} as the command prints
 * them, the settings of fill and generate mode and the {@code --ask} question on {@code stdout}, but no progress
 * display, no signal handler and no terminal.
 */
final class ImageRunner {

    private ImageRunner() {
    }

    /** With an empty device inventory. */
    static int run(String programName, InputStream stdin, OutputStream stdout, PrintStream stderr, Path dir,
            QrescueOptions own, String... args) {
        FakeDeviceCatalog catalog = new FakeDeviceCatalog();
        return run(programName, stdin, stdout, stderr, dir, new Imaging(catalog, () -> catalog), own, args);
    }

    static int run(String programName, InputStream stdin, OutputStream stdout, PrintStream stderr, Path dir,
            Imaging imaging, QrescueOptions own, String... args) {
        ImagingIo io = new ImagingIo(stdin, stdout, dir);
        ImageTool tool = new ImageTool(programName, programName, io, stderr, own,
                request -> withoutProgress(new ImageDisplay(programName, programName, request.options(), stderr,
                        stdout, stdin, false, false, false)),
                (request, display) -> imaging.run(request, io, display, false).exitCode());
        return tool.run(args);
    }

    private static ImagingDisplay withoutProgress(ImageDisplay display) {
        return new ImagingDisplay() {
            @Override
            public void message(String text) {
                display.message(text);
            }

            @Override
            public void usageError(String text) {
                display.usageError(text);
            }

            @Override
            public void line(String text) {
                display.line(text);
            }

            @Override
            public RescueListener rescue(ImagingRequest request, OutputImage output, boolean mapfileExisted) {
                return new RescueListener() {
                };
            }

            @Override
            public void fillStarts(ImagingRequest request, long domainPos, long domainInSize,
                    io.qrescue.imager.rescue.Filler.Progress initial, boolean mapfileExisted) {
                display.fillStarts(request, domainPos, domainInSize, initial, mapfileExisted);
            }

            @Override
            public void fillEnded(ImagingRequest request, io.qrescue.imager.rescue.Filler.Progress progress,
                    RescueResult result) {
                display.fillEnded(request, progress, result);
            }

            @Override
            public void generateStarts(ImagingRequest request, long domainPos,
                    io.qrescue.imager.rescue.Generator.Progress initial, boolean mapfileExisted) {
                display.generateStarts(request, domainPos, initial, mapfileExisted);
            }

            @Override
            public void generateEnded(ImagingRequest request, io.qrescue.imager.rescue.Generator.Progress progress,
                    RescueResult result) {
                display.generateEnded(request, progress, result);
            }

            @Override
            public boolean ask(String question) {
                return display.ask(question);
            }

            @Override
            public MapfileSaveFailure.Choice mapfileSaveFailed(MapfileSaveFailure failure) {
                return display.mapfileSaveFailed(failure);
            }
        };
    }
}
