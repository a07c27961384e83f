package io.qrescue.recovery.cli.image;

import io.qrescue.mapfile.BlockStatus;
import io.qrescue.mapfile.Domain;
import io.qrescue.mapfile.Mapfile;
import io.qrescue.mapfile.MapfileException;
import io.qrescue.mapfile.MapfileHeader;
import io.qrescue.mapfile.MapfileReader;
import io.qrescue.recovery.cli.ExitCodes;
import io.qrescue.recovery.cli.gnu.UsageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code qrescue image} up to the start of the rescue: takes ddrescue's argv, makes every check ddrescue
 * makes before opening infile, in ddrescue's order and with its messages and exit codes, reads the
 * {@code -m} and {@code -H} mapfiles (a corrupt one is exit 2), then hands the result to a
 * {@link RescueLauncher}.
 */
public final class ImageTool {

    /** Where the tool reads and writes; relative file names are resolved against {@code workingDir}. */
    public record Io(InputStream stdin, OutputStream stdout, PrintStream stderr, Path workingDir) {
    }

    /** Starts the run once the command line is known to be valid; returns the exit code. */
    @FunctionalInterface
    public interface RescueLauncher {
        /**
         * @param domain     the rescue domain from {@code -i}, {@code -s} and {@code -m}, not yet cropped to
         *                   the input size
         * @param testDomain in rescue and command mode with {@code -H}: the readable areas of the test mode
         */
        int launch(DdrescueArguments arguments, Domain domain, Optional<Domain> testDomain);
    }

    private final String programName;
    private final String invocationName;
    private final Io io;
    private final RescueLauncher launcher;
    private int verbosity;

    /**
     * @param programName    prefix of messages ("qrescue image")
     * @param invocationName how the user invoked it, for "Try ... --help" and the usage line
     */
    public ImageTool(String programName, String invocationName, Io io, RescueLauncher launcher) {
        this.programName = programName;
        this.invocationName = invocationName;
        this.io = io;
        this.launcher = launcher;
    }

    /** Runs with {@code args} (without the program name) and returns the exit code. */
    public int run(String[] args) {
        OperandFileChecks fileChecks = new OperandFileChecks(io.workingDir());
        DdrescueArgumentParser parser = new DdrescueArgumentParser(fileChecks);
        DdrescueArgumentParser.Invocation invocation;
        try {
            invocation = parser.parse(args);
        } catch (UsageException e) {
            verbosity = parser.verbosity();
            return refuse(e);
        }
        verbosity = parser.verbosity();
        try {
            if (invocation instanceof DdrescueArgumentParser.ShowHelp) {
                print(ImageHelp.text(invocationName));
                return ExitCodes.OK;
            }
            if (invocation instanceof DdrescueArgumentParser.ShowVersion) {
                print("qrescue image, a stand-in for GNU ddrescue " + MapfileHeader.DDRESCUE_VERSION + "\n");
                return ExitCodes.OK;
            }
            DdrescueArguments arguments = ((DdrescueArgumentParser.Run) invocation).arguments();
            return validateAndLaunch(arguments, fileChecks);
        } finally {
            try {
                io.stdout().flush();
            } catch (IOException ignored) {
                // nothing more can be reported
            }
            io.stderr().flush();
        }
    }

    private int validateAndLaunch(DdrescueArguments a, OperandFileChecks fileChecks) {
        try {
            fileChecks.check(a);
            Domain domain = readDomain(a.domainMapfile(), a.inputPosition(), a.maxSize(), a.looseDomain());
            ModeRules.checkCompatibility(a);
            ModeRules.ignoredOptionsWarning(a).ifPresent(this::showMessage);
            Optional<Domain> testDomain = Optional.empty();
            if (a.mode() == OperationMode.RESCUE || a.mode() == OperationMode.COMMAND) {
                if (a.testModeMapfile().isPresent()) {
                    testDomain = Optional.of(readDomain(a.testModeMapfile(), 0, -1, a.looseDomain()));
                }
            }
            ModeRules.checkRequirements(a);
            return launcher.launch(a, domain, testDomain);
        } catch (UsageException e) {
            return refuse(e);
        } catch (MapfileException e) {
            showMessage(e.getMessage());
            return e.exitCode();
        }
    }

    /**
     * The domain ddrescue builds from {@code -i}, {@code -s} and a domain mapfile: without the mapfile just
     * {@code [pos, pos + size)}, with it the mapfile's finished blocks cropped to that range.
     */
    private Domain readDomain(Optional<String> mapName, long pos, long size, boolean loose) throws MapfileException {
        if (mapName.isEmpty()) {
            return Domain.of(pos, size);
        }
        String name = mapName.get();
        BlockStatus looseFill = loose ? BlockStatus.NON_TRIED : null;
        Mapfile map;
        if (name.equals("-")) {
            map = MapfileReader.read(io.stdin(), "(stdin)", looseFill);
        } else {
            map = MapfileReader.read(io.workingDir().resolve(name), name, looseFill);
        }
        map.blocks().compact();
        return Domain.ofFinished(map.blocks(), pos, size);
    }

    private int refuse(UsageException e) {
        showMessage(e.getMessage());
        if (e.suggestHelp() && verbosity >= 0) {
            io.stderr().print("Try '" + invocationName + " --help' for more information.\n");
        }
        return ExitCodes.ENVIRONMENT;
    }

    /**
     * Prints a message as ddrescue does (nothing with {@code -q}). A line starting with a space continues the
     * message above it; any other line is a message of its own and gets the program name.
     */
    private void showMessage(String message) {
        if (verbosity < 0) {
            return;
        }
        for (String line : message.split("\n", -1)) {
            io.stderr().print(line.startsWith(" ") ? line + "\n" : programName + ": " + line + "\n");
        }
    }

    private void print(String text) {
        try {
            io.stdout().write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            showMessage("(stdout): " + e.getMessage());
        }
    }
}
