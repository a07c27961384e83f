package io.qrescue.recovery.cli.image;

import io.qrescue.imager.device.FaultRule;
import io.qrescue.imager.device.FaultSpecParser;
import io.qrescue.imager.rescue.RescueResult;
import io.qrescue.recovery.cli.ExitCodes;
import io.qrescue.recovery.cli.gnu.UsageException;
import io.qrescue.recovery.imaging.Imaging;
import io.qrescue.recovery.imaging.ImagingIo;
import io.qrescue.recovery.imaging.ImagingResult;
import io.qrescue.recovery.imaging.QrescueOptions;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code qrescue image}: GNU ddrescue 1.27 with its own argument syntax. picocli hands over every argument
 * untouched (see {@code Main.commandLine}); {@link ImageTool} parses and checks them as ddrescue does into an
 * imaging request, which {@link Imaging} runs; {@link ImageDisplay} shows it.
 */
@Command(name = "image",
        description = "Rescue a failing disk to an image, with ddrescue's own options (try 'qrescue image --help').",
        helpCommand = true)
public final class ImageCommand implements Callable<Integer> {

    static final String PROGRAM_NAME = "qrescue image";
    /** qrescue's own option: progress as newline-delimited JSON events instead of the screen. */
    static final String JSON_OPTION = OwnOptions.JSON;

    @Parameters(arity = "0..*", paramLabel = "ARG", description = "ddrescue options, infile, outfile and mapfile")
    List<String> args = List.of();

    @Override
    public Integer call() {
        PrintStream stdout = new PrintStream(new FileOutputStream(FileDescriptor.out), true);
        PrintStream stderr = new PrintStream(new FileOutputStream(FileDescriptor.err), true);
        return run(new ImagingIo(System.in, stdout, Path.of("")), stderr, System.console() != null, true,
                new Imaging());
    }

    /** Runs {@code qrescue image ARGS} on this process's standard streams, without picocli ({@code Main}). */
    public static int runInThisProcess(List<String> args) {
        ImageCommand command = new ImageCommand();
        command.args = List.copyOf(args);
        return command.call();
    }

    /** Runs {@code qrescue image ARGS} in this JVM with {@code io}, no terminal and no signal handling. */
    public static int run(List<String> args, ImagingIo io, PrintStream stderr) {
        ImageCommand command = new ImageCommand();
        command.args = List.copyOf(args);
        return command.run(io, stderr, false, false, new Imaging());
    }

    /**
     * Runs the command with {@code io}; {@code terminal} says whether standard output is one (the status screen
     * over plain lines, and questions are asked); {@code handleSignals} lets Ctrl-C stop the run with a final save.
     */
    int run(ImagingIo io, PrintStream stderr, boolean terminal, boolean handleSignals, Imaging imaging) {
        // --json, --latency-log, --read-timeout, --reattach-wait, --queue-depth, --simulate and --add-source are
        // qrescue's own options; every other argument is ddrescue's
        OwnOptions own;
        try {
            own = OwnOptions.extract(args);
        } catch (UsageException e) {
            stderr.print(PROGRAM_NAME + ": " + e.getMessage() + "\n");
            if (e.suggestHelp()) {
                stderr.print("Try '" + PROGRAM_NAME + " --help' for more information.\n");
            }
            return ExitCodes.ENVIRONMENT;
        }
        List<FaultRule> faults = List.of();
        if (own.simulate().isPresent()) {
            Path specFile = io.workingDir().resolve(own.simulate().get());
            try {
                faults = FaultSpecParser.parse(Files.readString(specFile));
            } catch (IOException e) {
                stderr.print(PROGRAM_NAME + ": " + own.simulate().get() + ": Can't read fault spec: "
                        + e.getMessage() + "\n");
                return ExitCodes.of(e);
            } catch (IllegalArgumentException e) {
                stderr.print(PROGRAM_NAME + ": " + own.simulate().get() + ": " + e.getMessage() + "\n");
                return ExitCodes.CORRUPT_INPUT;
            }
        }
        QrescueOptions qrescue = new QrescueOptions(own.latencyLog(), own.guards(), own.queueDepth(), faults,
                own.addSource());
        boolean latencyLog = own.latencyLog().isPresent();
        ImageTool tool = new ImageTool(PROGRAM_NAME, PROGRAM_NAME, io, stderr, qrescue,
                request -> new ImageDisplay(PROGRAM_NAME, PROGRAM_NAME, request.options(), stderr, io.stdout(),
                        io.stdin(), terminal, own.json(), latencyLog),
                (request, display) -> {
                    ImagingResult result = imaging.run(request, io, display, handleSignals);
                    // ddrescue prints no such lines: only when asked for latencies or more detail
                    if (request.options().verbosity() > 0 || latencyLog) {
                        result.result().map(RescueResult::phaseLatencies).ifPresent(latencies ->
                                latencies.forEach((phase, latency) -> display.message(phase.label() + ": "
                                        + latency.reads() + " reads, " + ProgressFormat.latencySummary(latency))));
                    }
                    return result.exitCode();
                });
        return tool.run(own.ddrescueArgs().toArray(String[]::new));
    }
}
