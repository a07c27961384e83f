package io.qrescue.recovery.cli;

import io.qrescue.mapfile.MapfileException;
import io.qrescue.imager.device.FaultRule;
import io.qrescue.imager.device.FaultSpecParser;
import io.qrescue.imager.rescue.RescueOptions;
import io.qrescue.recovery.cli.image.ImageDisplay;
import io.qrescue.recovery.imaging.Imaging;
import io.qrescue.recovery.imaging.ImagingIo;
import io.qrescue.recovery.imaging.QrescueOptions;
import io.qrescue.recovery.pipeline.ImagingStep;
import io.qrescue.recovery.imaging.ImagingResult;
import io.qrescue.recovery.pipeline.PipelineListener;
import io.qrescue.recovery.pipeline.ImagingRound;
import io.qrescue.recovery.pipeline.PipelineOptions;
import io.qrescue.recovery.json.JsonText;
import io.qrescue.recovery.pipeline.PipelineResult;
import io.qrescue.recovery.pipeline.RescuePipeline;
import io.qrescue.recovery.pipeline.VmFallback;
import io.qrescue.recovery.vm.appliance.Appliance;
import io.qrescue.recovery.vm.appliance.ApplianceBuilder;
import io.qrescue.recovery.vm.qemu.Accelerator;
import io.qrescue.recovery.vm.qemu.QemuLauncher;
import io.qrescue.recovery.vm.rescue.BootFallback;
import java.time.Duration;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import io.qrescue.recovery.stack.luks.LuksKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code qrescue rescue SOURCE... WORKDIR}: images every source (metadata first), analyses the stack over all of
 * them, extracts the volumes, copies the files out (through the recovery VM for volumes the Java readers cannot
 * place, unless {@code --vm=never}) and writes the report; rerunning it continues where it stopped.
 */
@Command(name = "rescue", mixinStandardHelpOptions = true,
        description = {"Rescue failing NAS disks end to end: image each (the stack's metadata",
                "first, with retries), analyse the stack over all of them, extract every",
                "volume, copy the files out, write WORKDIR/report.html. Volumes the built-in",
                "readers cannot place (e.g. on an md RAID5) are copied by the recovery VM",
                "(qemu) unless --vm=never. Encrypted (LUKS) volumes are decrypted with",
                "--password-file, --passphrase-file or --key-file (else kept as stored).",
                "Rerun the same command to continue after an interruption or to retry more.",
                "Exit 0: done; 1: bad option or environment, or volumes needed the VM and it",
                "could not run (the rest is done: install what the message names, rerun);",
                "2: corrupt input."})
public final class RescueCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SOURCE... WORKDIR", arity = "2..*", hideParamSyntax = true,
            description = "the failing disks or images of them (only read; give all members of a RAID, always in "
                    + "the same order), then where the images, mapfiles, volumes, files and report go")
    List<Path> paths;

    @Mixin
    UnlockOptions unlock = new UnlockOptions();

    @Option(names = "--vm", paramLabel = "auto|never",
            description = "copy volumes the built-in readers cannot place with the recovery VM when this machine "
                    + "can run it (auto), or never [auto]")
    VmChoice vmChoice = VmChoice.auto;

    @Option(names = "--vm-timeout", paramLabel = "SECONDS", description = "limit for the VM's whole copy [86400]")
    long vmTimeoutSeconds = 86400;

    @picocli.CommandLine.Mixin
    VmOptions vm = new VmOptions();

    /** The --vm values. */
    enum VmChoice { auto, never }

    /** Where qemu is looked for (tests set a PATH without it). */
    String pathVariable = System.getenv().getOrDefault("PATH", "");

    @Option(names = "--retries", paramLabel = "N", description = "retry passes over bad sectors outside metadata [1]")
    int retries = 1;

    @Option(names = "--metadata-retries", paramLabel = "N", description = "retry passes over bad sectors in metadata [3]")
    int metadataRetries = 3;

    @Option(names = {"-d", "--idirect"}, description = "read the source with O_DIRECT (as ddrescue -d)")
    boolean direct;

    @Option(names = "--simulate", paramLabel = "FILE",
            description = "read SOURCE as a disk failing as FILE says (see qrescue image --help): drills and demos")
    Path simulate;

    @Option(names = {"-q", "--quiet"}, description = "only the stages and the summary, not the imaging lines")
    boolean quiet;

    @Option(names = "--until", paramLabel = "ROUND",
            description = "stop imaging after this round: metadata, files, volumes or disk [disk]; rerun to continue")
    String until = "disk";

    @Option(names = "--json", description = "JSON lines for the job's events (a file becoming complete) instead of text")
    boolean json;

    @Override
    public Integer call() {
        return run(spec.commandLine().getOut(), spec.commandLine().getErr(), true);
    }

    /** Runs the job, printing to {@code out} and {@code err}; {@code handleSignals}: Ctrl-C saves the map first. */
    int run(PrintWriter out, PrintWriter err, boolean handleSignals) {
        RescueOptions imageOptions = RescueOptions.builder().verbosity(quiet ? -1 : 0).directInput(direct).build();
        List<FaultRule> faults = List.of();
        PipelineOptions options;
        LuksKeys luksKeys;
        try {
            luksKeys = unlock.raw ? new LuksKeys() : unlock.keys();
        } catch (CommandFailure e) {
            err.println("qrescue rescue: " + e.getMessage());
            return e.exitCode();
        }
        try {
            if (vmTimeoutSeconds <= 0) {
                throw new IllegalArgumentException("--vm-timeout must be positive");
            }
            if (simulate != null) {
                faults = FaultSpecParser.parse(Files.readString(simulate));
            }
            options = new PipelineOptions(paths.subList(0, paths.size() - 1), paths.get(paths.size() - 1),
                    metadataRetries, retries, 16, imageOptions, QrescueOptions.NONE.withSimulatedFaults(faults),
                    vmChoice == VmChoice.never ? VmFallback.Mode.NEVER : VmFallback.Mode.AUTO,
                    ImagingRound.parse(until));
        } catch (IOException e) {
            err.println("qrescue rescue: " + simulate + ": Can't read fault spec: " + e.getMessage());
            return ExitCodes.of(e);
        } catch (IllegalArgumentException e) {
            err.println("qrescue rescue: " + e.getMessage());
            return ExitCodes.ENVIRONMENT;
        }
        PrintStream errors = new PrintStream(new WriterOutputStream(err), true, StandardCharsets.UTF_8);
        ImagingIo io = new ImagingIo(InputStream.nullInputStream(), new WriterOutputStream(out), Path.of(""));
        Imaging imaging = new Imaging();
        java.util.concurrent.atomic.AtomicBoolean stopping = new java.util.concurrent.atomic.AtomicBoolean();
        // after a signal no new imaging run starts (one under way is stopped by its own handler, its map saved)
        // the job follows each run's reads and map saves to tell files as they become complete (--json)
        ImagingStep step = ImagingStep.following((request, progress) -> stopping.get()
                ? new ImagingResult(RescuePipeline.INTERRUPTED, java.util.Optional.empty())
                : imaging.run(request, io, new ImageDisplay("qrescue image", "qrescue image", request.options(),
                errors, io.stdout(), io.stdin(), false, false, false), handleSignals, progress));
        PipelineListener listener = new PipelineListener() {
            @Override
            public void stage(String name, String what, boolean skipped) {
                out.println((skipped ? "-- " : "== ") + name + ": " + what + (skipped ? " (done before)" : ""));
                out.flush();
            }

            @Override
            public void note(String message) {
                out.println("   " + message);
                out.flush();
            }

            @Override
            public void fileComplete(String volume, String path, long sizeBytes) {
                if (json) {
                    StringBuilder b = new StringBuilder("{\"event\": \"fileComplete\", \"volume\": ");
                    JsonText.quote(b, volume).append(", \"path\": ");
                    JsonText.quote(b, path).append(", \"sizeBytes\": ").append(sizeBytes).append('}');
                    out.println(b);
                    out.flush();
                }
            }
        };
        VmFallback fallback = new BootFallback(pathVariable, new ApplianceBuilder(),
                new BootFallback.Setup() {
                    @Override
                    public Appliance appliance() throws IOException {
                        return vm.appliance(out);
                    }

                    @Override
                    public Accelerator accelerator(QemuLauncher launcher, Appliance appliance)
                            throws IOException, InterruptedException {
                        return vm.accelerator(launcher, appliance);
                    }
                }, Duration.ofSeconds(300), Duration.ofSeconds(300), Duration.ofSeconds(vmTimeoutSeconds), line -> {
                    if (vm.verbose) {
                        out.println("| " + line);
                        out.flush();
                    }
                }, listener::note);
        // a signal stops the imaging run (its map saved); the JVM then waits until the job has written
        // progress.json, which lists the files complete when it stopped
        java.util.concurrent.CountDownLatch jobEnded = new java.util.concurrent.CountDownLatch(1);
        Thread waitForJob = new Thread(() -> {
            stopping.set(true);
            try {
                jobEnded.await(120, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "qrescue-rescue-interrupt");
        if (handleSignals) {
            Runtime.getRuntime().addShutdownHook(waitForJob);
        }
        try {
            PipelineResult result = new RescuePipeline(options, step,
                    listener, fallback).withLuksKeys(luksKeys).run();
            if (result.exitCode() == RescuePipeline.INTERRUPTED) {
                err.println("qrescue rescue: interrupted; " + options.workdir().resolve("progress.json")
                        + " lists the files complete so far; run the same command again to continue");
                return result.exitCode();
            }
            if (result.exitCode() != ExitCodes.OK) {
                err.println("qrescue rescue: imaging stopped with exit status " + result.exitCode()
                        + "; fix the cause and run the same command again to continue");
                return result.exitCode();
            }
            out.println();
            out.print(PipelineSummary.render(result, options));
            if (result.vmProblem() != null) {
                err.println("qrescue rescue: volumes that need the recovery VM were not copied: " + result.vmProblem()
                        + "; everything else is done: fix that and run the same command again");
                return ExitCodes.ENVIRONMENT;
            }
            if (!result.doubts().isEmpty()) {
                // the one rule: bytes whose provenance is in doubt are marked and listed, and the job fails
                result.doubts().forEach(line -> err.println("qrescue rescue: " + line));
                return ExitCodes.CORRUPT_INPUT;
            }
            return ExitCodes.OK;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("qrescue rescue: interrupted; the VM was stopped; run the same command again to continue");
            return ExitCodes.of(e);
        } catch (MapfileException e) {
            err.println("qrescue rescue: " + e.getMessage());
            return ExitCodes.of(e);
        } catch (IOException e) {
            err.println("qrescue rescue: " + e.getMessage());
            return ExitCodes.of(e);
        } finally {
            jobEnded.countDown();
            if (handleSignals) {
                try {
                    Runtime.getRuntime().removeShutdownHook(waitForJob);
                } catch (IllegalStateException shuttingDown) {
                    // a signal arrived: the JVM ends once the hooks return
                }
            }
        }
    }
}
