package io.qrescue.recovery.cli.image;

import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.io.IOException;
import java.nio.file.Files;
import io.qrescue.imager.device.FaultSpecParser;
import java.util.concurrent.Callable;
import io.qrescue.recovery.cli.ExitCodes;
import io.qrescue.recovery.cli.gnu.UsageException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code qrescue image}: GNU ddrescue 1.27 with its own argument syntax. picocli hands over every argument
 * untouched (see {@code Main.commandLine}); {@link ImageTool} parses and checks them as ddrescue does.
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

    private final PrintStream stderr = new PrintStream(new FileOutputStream(FileDescriptor.err), true);

    @Override
    public Integer call() {
        PrintStream stdout = new PrintStream(new FileOutputStream(FileDescriptor.out), true);
        return run(new ImageTool.Io(System.in, stdout, stderr, Path.of("")), System.console() != null, true);
    }

    /** Runs {@code qrescue image ARGS} on this process's standard streams, without picocli ({@code Main}). */
    public static int runInThisProcess(List<String> args) {
        ImageCommand command = new ImageCommand();
        command.args = List.copyOf(args);
        return command.call();
    }

    /** Runs {@code qrescue image} with {@code args} in this JVM (the rescue pipeline's imaging step). */
    public static int run(List<String> args, ImageTool.Io io, boolean handleSignals) {
        ImageCommand command = new ImageCommand();
        command.args = List.copyOf(args);
        return command.run(io, false, handleSignals);
    }

    /**
     * Runs the command with {@code io}; {@code terminal} says whether standard output is one (it chooses the
     * status screen over plain lines); {@code handleSignals} lets Ctrl-C stop the run with a final save.
     */
    int run(ImageTool.Io io, boolean terminal, boolean handleSignals) {
        // --json, --latency-log, --read-timeout, --reattach-wait, --queue-depth and --simulate are qrescue's
        // own options; every other argument is ddrescue's
        OwnOptions own;
        try {
            own = OwnOptions.extract(args);
        } catch (UsageException e) {
            io.stderr().print(PROGRAM_NAME + ": " + e.getMessage() + "\n");
            if (e.suggestHelp()) {
                io.stderr().print("Try '" + PROGRAM_NAME + " --help' for more information.\n");
            }
            return ExitCodes.ENVIRONMENT;
        }
        String commandLine = PROGRAM_NAME + (args.isEmpty() ? "" : " " + String.join(" ", args));
        PrintWriter screen = new PrintWriter(io.stdout(), true);
        EngineLauncher.Display display = (arguments, options, output, mapfileExisted) -> {
            ProgressMode mode = ProgressMode.choose(own.json(), arguments.verbosity() < 0, terminal);
            if (mode != ProgressMode.SCREEN) {
                return mode.listener(screen, options);
            }
            // ddrescue's screen has no latency line: only show it when asked for latencies or more detail
            boolean showLatency = own.latencyLog().isPresent() || arguments.verbosity() > 0;
            PreviewSource preview = PreviewSource.none();
            if (arguments.previewLines() > 0) {
                preview = (pos, dst) -> {
                    try {
                        return Math.max(0, output.read(pos + options.outputOffset(), ByteBuffer.wrap(dst)));
                    } catch (java.io.IOException e) {
                        return 0; // the preview then says there is no data
                    }
                };
            }
            return new ProgressScreen(screen, options, arguments.previewLines(), preview, mapfileExisted,
                    showLatency);
        };
        var launcher = new EngineLauncher(PROGRAM_NAME, commandLine, io, display, handleSignals, own.guards());
        if (own.queueDepth() > 0) {
            launcher = launcher.withQueueDepth(own.queueDepth());
        }
        if (own.latencyLog().isPresent()) {
            launcher = launcher.withLatencyLog(own.latencyLog().get());
        }
        if (own.simulate().isPresent()) {
            Path specFile = io.workingDir().resolve(own.simulate().get());
            try {
                launcher = launcher.withSimulatedFaults(FaultSpecParser.parse(Files.readString(specFile)));
            } catch (IOException e) {
                io.stderr().print(PROGRAM_NAME + ": " + own.simulate().get() + ": Can't read fault spec: "
                        + e.getMessage() + "\n");
                return ExitCodes.ENVIRONMENT;
            } catch (IllegalArgumentException e) {
                io.stderr().print(PROGRAM_NAME + ": " + own.simulate().get() + ": " + e.getMessage() + "\n");
                return ExitCodes.CORRUPT_INPUT;
            }
        }
        return new ImageTool(PROGRAM_NAME, PROGRAM_NAME, io, launcher).run(own.ddrescueArgs().toArray(String[]::new));
    }

}
