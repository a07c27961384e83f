package io.qrescue.recovery.cli.image;

import io.qrescue.mapfile.MapfileHeader;
import io.qrescue.recovery.cli.ExitCodes;
import io.qrescue.recovery.cli.gnu.UsageException;
import io.qrescue.recovery.imaging.ImagingDisplay;
import io.qrescue.recovery.imaging.ImagingIo;
import io.qrescue.recovery.imaging.ImagingRequest;
import io.qrescue.recovery.imaging.QrescueOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * {@code qrescue image} up to the start of the run: takes ddrescue's argv, makes every check ddrescue makes on the
 * command line and the file names, in ddrescue's order and with its messages and exit codes, and turns it into an
 * {@link ImagingRequest} for a {@link Launcher} (the imaging layer, or a test's recorder).
 */
public final class ImageTool {

    /** Runs a checked request; returns the exit code. */
    @FunctionalInterface
    public interface Launcher {
        int launch(ImagingRequest request, ImagingDisplay display);
    }

    private final String programName;
    private final String invocationName;
    private final ImagingIo io;
    private final PrintStream stderr;
    private final QrescueOptions own;
    private final Function<ImagingRequest, ImagingDisplay> displays;
    private final Launcher launcher;
    private int verbosity;

    /**
     * @param programName    prefix of messages ("qrescue image")
     * @param invocationName how the user invoked it, for "Try ... --help" and the usage line
     * @param own            qrescue's own options, already taken out of the arguments
     * @param displays       the display of a request (messages, progress, questions)
     */
    public ImageTool(String programName, String invocationName, ImagingIo io, PrintStream stderr, QrescueOptions own,
            Function<ImagingRequest, ImagingDisplay> displays, Launcher launcher) {
        this.programName = programName;
        this.invocationName = invocationName;
        this.io = io;
        this.stderr = stderr;
        this.own = own;
        this.displays = displays;
        this.launcher = launcher;
    }

    /** Runs with {@code args} (ddrescue's, without the program name) and returns the exit code. */
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
            DdrescueArgumentParser.Run run = (DdrescueArgumentParser.Run) invocation;
            try {
                fileChecks.check(run);
            } catch (UsageException e) {
                return refuse(e);
            }
            String commandLine = programName + (args.length == 0 ? "" : " " + String.join(" ", args));
            ImagingRequest request = new ImagingRequest(run.inputFile(), run.outputFile(), run.mapfile(),
                    run.options(), own, commandLine);
            return launcher.launch(request, displays.apply(request));
        } finally {
            try {
                io.stdout().flush();
            } catch (IOException ignored) {
                // nothing more can be reported
            }
            stderr.flush();
        }
    }

    private int refuse(UsageException e) {
        ImageDisplay.showMessage(stderr, programName, verbosity, e.getMessage());
        if (e.suggestHelp() && verbosity >= 0) {
            stderr.print("Try '" + invocationName + " --help' for more information.\n");
        }
        return ExitCodes.ENVIRONMENT;
    }

    private void print(String text) {
        try {
            io.stdout().write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            ImageDisplay.showMessage(stderr, programName, verbosity, "(stdout): " + e.getMessage());
        }
    }
}
