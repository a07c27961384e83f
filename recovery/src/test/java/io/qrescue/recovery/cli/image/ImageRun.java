package io.qrescue.recovery.cli.image;

import io.qrescue.mapfile.Domain;
import io.qrescue.recovery.imaging.Imaging;
import io.qrescue.recovery.imaging.ImagingIo;
import io.qrescue.recovery.imaging.ImagingPlan;
import io.qrescue.recovery.imaging.ImagingRequest;
import io.qrescue.recovery.imaging.QrescueOptions;
import io.qrescue.recovery.testing.FakeDeviceCatalog;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One run of {@link ImageTool} in this JVM, named "ddrescue" so its messages can be compared with GNU
 * ddrescue's word for word, up to the imaging layer's plan (ddrescue's checks before opening the files): a run
 * that passes every check records its request and plan and returns {@link #LAUNCHED}.
 */
record ImageRun(int exitCode, String stdout, String stderr, ImagingRequest request, Domain domain,
        Optional<Domain> testDomain) {

    /** The exit code of a run that got past every check; no real exit code is this large. */
    static final int LAUNCHED = 100;

    static ImageRun in(Path dir, String... args) {
        return in(dir, new byte[0], args);
    }

    static ImageRun in(Path dir, byte[] stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8);
        ImagingIo io = new ImagingIo(new ByteArrayInputStream(stdin), out, dir);
        FakeDeviceCatalog catalog = new FakeDeviceCatalog();
        Imaging imaging = new Imaging(catalog, () -> catalog);
        Object[] launched = new Object[2];
        int code = new ImageTool("ddrescue", "ddrescue", io, errors, QrescueOptions.NONE,
                request -> new ImageDisplay("ddrescue", "ddrescue", request.options(), errors, out, io.stdin(), false,
                        false, false),
                (request, display) -> {
                    ImagingPlan plan = imaging.plan(request, io, display);
                    if (plan.refused()) {
                        return plan.refusedWith();
                    }
                    launched[0] = request;
                    launched[1] = plan;
                    return LAUNCHED;
                }).run(args);
        ImagingPlan plan = (ImagingPlan) launched[1];
        return new ImageRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
                (ImagingRequest) launched[0], plan == null ? null : plan.domain(),
                plan == null ? Optional.empty() : plan.testDomain());
    }

    boolean launched() {
        return exitCode == LAUNCHED;
    }
}
