package io.qrescue.recovery.cli;

import io.qrescue.mapfile.MapfileTooLargeError;
import io.qrescue.recovery.cli.image.ImageCommand;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code qrescue} command: lists the subcommands when called without one. */
@Command(name = "qrescue",
        mixinStandardHelpOptions = true,
        version = Main.VERSION,
        description = "Rescues data from failing NAS disks.")
public final class Main implements Runnable {

    static final String VERSION = "qrescue 0.1.0 (mapfiles compatible with GNU ddrescue 1.27)";

    /** The subcommands, in the order the usage lists them (a method: loading Main must not load them all). */
    private static List<Class<?>> subcommands() {
        return List.of(AnalyzeCommand.class, ApplianceCommand.class, BootCommand.class, DemoCommand.class,
                DevicesCommand.class, ExtractCommand.class, ImageCommand.class, LogCommand.class, MapCommand.class,
                RescueCommand.class, ServeCommand.class, ThinCommand.class, VgStockCommand.class, CommandLine.HelpCommand.class);
    }

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Builds the command line with qrescue's policies installed: exit codes, one-line errors. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        return commandLine(out, err, null);
    }

    /**
     * The command line with every subcommand, or with only {@code onlySubcommand} when not null: picocli builds
     * the model of each subcommand it is given, which is most of its start-up time.
     */
    static CommandLine commandLine(PrintWriter out, PrintWriter err, String onlySubcommand) {
        CommandLine cl = new CommandLine(new Main());
        for (Class<?> subcommand : subcommands()) {
            if (onlySubcommand == null || onlySubcommand.equals(subcommandName(subcommand))) {
                cl.addSubcommand(subcommand);
            }
        }
        cl.setOut(out);
        cl.setExpandAtFiles(false); // "@name" is a file name to ddrescue, never an argument file
        for (String passThrough : List.of("log", "image")) {
            CommandLine sub = cl.getSubcommands().get(passThrough);
            if (sub != null) {
                sub.setUnmatchedOptionsArePositionalParams(true);
                sub.setEndOfOptionsDelimiter("\u0000"); // "--" belongs to ddrescue's and ddrescuelog's own parsers
            }
        }
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

    private static String subcommandName(Class<?> subcommand) {
        return subcommand.getAnnotation(Command.class).name();
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code;
        try {
            code = run(args, out, err);
        } catch (OutOfMemoryError e) {
            code = outOfMemory(e, err);
        }
        out.flush();
        err.flush();
        System.exit(code);
    }

    /**
     * Runs one command. {@code --version}, {@code log} and {@code image} start without picocli's model: the
     * last two hand every argument to ddrescuelog's and ddrescue's own parsers anyway.
     */
    private static int run(String[] args, PrintWriter out, PrintWriter err) {
        String first = args.length > 0 ? args[0] : "";
        List<String> rest = args.length > 0 ? Arrays.asList(args).subList(1, args.length) : List.of();
        try {
            switch (first) {
                case "--version", "-V" -> {
                    if (rest.isEmpty()) {
                        out.println(VERSION);
                        return ExitCodes.OK;
                    }
                }
                case "log" -> {
                    return LogCommand.runInThisProcess(rest);
                }
                case "image" -> {
                    return ImageCommand.runInThisProcess(rest);
                }
                default -> {
                }
            }
        } catch (RuntimeException e) {
            err.println("qrescue: internal error: " + e);
            return ExitCodes.INTERNAL;
        }
        boolean subcommand = false;
        for (Class<?> c : subcommands()) {
            subcommand |= c != CommandLine.HelpCommand.class && subcommandName(c).equals(first);
        }
        return commandLine(out, err, subcommand ? first : null).execute(args);
    }

    /** One line saying what did not fit and how to give Java more memory; exit 1 (an environment problem). */
    private static int outOfMemory(OutOfMemoryError e, PrintWriter err) {
        long maxMiB = Runtime.getRuntime().maxMemory() >> 20;
        String what = e instanceof MapfileTooLargeError ? e.getMessage() : "this job";
        long suggestGiB = Math.max(1, (2 * maxMiB + 1023) / 1024);
        err.println("qrescue: not enough memory: " + what + " does not fit in Java's heap of " + maxMiB
                + " MiB; give Java more with QRESCUE_JAVA_OPTS=-Xmx<size>, e.g. QRESCUE_JAVA_OPTS=-Xmx" + suggestGiB
                + "g");
        return ExitCodes.ENVIRONMENT;
    }
}
