package io.qrescue.recovery.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code qrescue log}: GNU ddrescuelog 1.27 with its own argument syntax. picocli hands over every argument
 * untouched (see {@link Main#commandLine}); {@link DdrescuelogTool} parses them as ddrescuelog does.
 */
@Command(name = "log",
        description = "Every ddrescuelog operation, with ddrescuelog's own options (try 'qrescue log --help').",
        helpCommand = true)
public final class LogCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", paramLabel = "ARG", description = "ddrescuelog options and MAPFILE")
    List<String> args = List.of();

    /** Runs {@code qrescue log ARGS} on this process's standard streams, without picocli (see {@link Main}). */
    static int runInThisProcess(List<String> args) {
        LogCommand command = new LogCommand();
        command.args = List.copyOf(args);
        return command.call();
    }

    @Override
    public Integer call() {
        OutputStream stdout = new FileOutputStream(FileDescriptor.out);
        PrintStream stderr = new PrintStream(new FileOutputStream(FileDescriptor.err), true);
        boolean terminal = System.console() != null;
        var io = new DdrescuelogTool.Io(System.in, stdout, stderr, terminal, terminal, Path.of(""));
        return new DdrescuelogTool("qrescue log", "qrescue log", io).run(args.toArray(new String[0]));
    }
}
