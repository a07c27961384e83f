package io.qrescue.recovery.cli.image;

import io.qrescue.mapfile.Domain;
import io.qrescue.recovery.cli.ExitCodes;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
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

    @Parameters(arity = "0..*", paramLabel = "ARG", description = "ddrescue options, infile, outfile and mapfile")
    List<String> args = List.of();

    private final PrintStream stderr = new PrintStream(new FileOutputStream(FileDescriptor.err), true);

    @Override
    public Integer call() {
        PrintStream stdout = new PrintStream(new FileOutputStream(FileDescriptor.out), true);
        var io = new ImageTool.Io(System.in, stdout, stderr, Path.of(""));
        return new ImageTool(PROGRAM_NAME, PROGRAM_NAME, io, this::run).run(args.toArray(String[]::new));
    }

    /**
     * The hand-over to the rescue engine: called only with arguments that passed every check ddrescue makes
     * before opening infile. Until the engine is connected here it says so and copies nothing.
     */
    int run(DdrescueArguments arguments, Domain domain, Optional<Domain> testDomain) {
        if (arguments.verbosity() >= 0) {
            stderr.println(PROGRAM_NAME + ": the rescue engine is not connected yet; nothing was copied.");
        }
        return ExitCodes.ENVIRONMENT;
    }
}
