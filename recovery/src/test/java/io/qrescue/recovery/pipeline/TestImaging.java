package io.qrescue.recovery.pipeline;

import io.qrescue.imager.device.FaultSpecParser;
import io.qrescue.imager.rescue.RescueListener;
import io.qrescue.imager.rescue.RescueOptions;
import io.qrescue.recovery.imaging.Imaging;
import io.qrescue.recovery.imaging.ImagingDisplay;
import io.qrescue.recovery.imaging.ImagingIo;
import io.qrescue.recovery.imaging.ImagingRequest;
import io.qrescue.recovery.imaging.ImagingResult;
import io.qrescue.recovery.imaging.QrescueOptions;
import io.qrescue.recovery.testing.FakeDeviceCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The imaging layer as the pipeline tests use it: real runs, silent, with an empty device inventory. */
final class TestImaging {

    /** ddrescue's options of the job's imaging rounds in the tests: {@code -q}. */
    static final RescueOptions QUIET = RescueOptions.builder().verbosity(-1).build();

    private static final FakeDeviceCatalog NO_DEVICES = new FakeDeviceCatalog();
    private static final Imaging IMAGING = new Imaging(NO_DEVICES, () -> NO_DEVICES);

    private TestImaging() {
    }

    /** qrescue's {@code --simulate=FILE}. */
    static QrescueOptions simulating(Path faults) throws IOException {
        return QrescueOptions.NONE.withSimulatedFaults(FaultSpecParser.parse(Files.readString(faults)));
    }

    /** Runs each request for real, recording it in {@code runs}. */
    static ImagingStep recording(List<ImagingRequest> runs) {
        return request -> {
            runs.add(request);
            return run(request, new RescueListener() {
            });
        };
    }

    /** Runs each request for real, telling the job's progress listener of its reads and map saves. */
    static ImagingStep real() {
        return ImagingStep.following(TestImaging::run);
    }

    /** One more imaging run of a job's disk with {@code options} (e.g. more retries) outside the pipeline. */
    static int image(Path source, Path image, Path mapfile, RescueOptions options, QrescueOptions own) {
        return run(new ImagingRequest(source.toString(), image.toString(), Optional.of(mapfile.toString()), options,
                own, "qrescue test"), new RescueListener() {
                }).exitCode();
    }

    private static ImagingResult run(ImagingRequest request, RescueListener progress) {
        ImagingIo io = new ImagingIo(InputStream.nullInputStream(), OutputStream.nullOutputStream(), Path.of(""));
        return IMAGING.run(request, io, ImagingDisplay.SILENT, false, progress);
    }

    /** Whether the round was restricted to a domain mapfile (the metadata first). */
    static boolean restricted(ImagingRequest request) {
        return request.options().domainMapfile().isPresent();
    }
}
