package io.qrescue.recovery.cli.image;

import io.qrescue.imager.rescue.RescueListener;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
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
        String commandLine = PROGRAM_NAME + (args.isEmpty() ? "" : " " + String.join(" ", args));
        var launcher = new EngineLauncher(PROGRAM_NAME, commandLine, io, arguments -> new RescueListener() { }, true);
        return new ImageTool(PROGRAM_NAME, PROGRAM_NAME, io, launcher).run(args.toArray(String[]::new));
    }

}
