package io.qrescue.recovery.cli;

import io.qrescue.recovery.cli.image.ImageCommand;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code qrescue} command: lists the subcommands when called without one. */
@Command(name = "qrescue",
        mixinStandardHelpOptions = true,
        version = "qrescue 0.1.0 (mapfiles compatible with GNU ddrescue 1.27)",
        description = "Rescues data from failing NAS disks.",
        subcommands = {AnalyzeCommand.class, ApplianceCommand.class, BootCommand.class, DemoCommand.class, DevicesCommand.class,
                ExtractCommand.class, ImageCommand.class, LogCommand.class, MapCommand.class, RescueCommand.class,
                ServeCommand.class, VgStockCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Builds the command line with qrescue's policies installed: exit codes, one-line errors. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setExpandAtFiles(false); // "@name" is a file name to ddrescue, never an argument file
        CommandLine log = cl.getSubcommands().get("log");
        log.setUnmatchedOptionsArePositionalParams(true);
        log.setEndOfOptionsDelimiter("\u0000"); // "--" belongs to ddrescuelog's own parser
        CommandLine image = cl.getSubcommands().get("image");
        image.setUnmatchedOptionsArePositionalParams(true);
        image.setEndOfOptionsDelimiter("\u0000"); // "--" belongs to ddrescue's own parser
        cl.setErr(err);
        cl.setExitCodeExceptionMapper(ExitCodes::of);
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("qrescue: " + ex.getMessage());
            c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for more information.");
            c.getErr().flush();
            return ExitCodes.ENVIRONMENT; // ddrescue: a bad option is an environment problem, exit 1
        });
        cl.setExecutionExceptionHandler((ex, c, parseResult) -> {
            int code = ExitCodes.of(ex);
            c.getErr().println("qrescue: " + (code == ExitCodes.INTERNAL ? "internal error: " + ex : ex.getMessage()));
            c.getErr().flush();
            return code;
        });
        return cl;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code = commandLine(out, err).execute(args);
        out.flush();
        err.flush();
        System.exit(code);
    }
}
