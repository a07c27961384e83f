package io.qrescue.recovery.cli.image;

import io.qrescue.imager.output.OutputImage;
import io.qrescue.imager.rescue.Filler;
import io.qrescue.imager.rescue.Generator;
import io.qrescue.imager.rescue.RescueListener;
import io.qrescue.imager.rescue.RescueOptions;
import io.qrescue.imager.rescue.RescueResult;
import io.qrescue.mapfile.BlockStatus;
import io.qrescue.mapfile.MapfileSaveFailure;
import io.qrescue.recovery.imaging.ImagingDisplay;
import io.qrescue.recovery.imaging.ImagingRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * How {@code qrescue image} shows a run, as ddrescue does: messages on standard error after the program name
 * (none with {@code -q}), the status screen on a terminal, log lines or JSON events otherwise, the settings and
 * status of fill and generate mode, the {@code --ask} question, and ddrescue's question when a mapfile save fails
 * (only on a terminal: elsewhere the run stops with the cause).
 */
public final class ImageDisplay implements ImagingDisplay {

    private final String programName;
    private final String invocationName;
    private final RescueOptions options;
    private final PrintStream stderr;
    private final OutputStream stdout;
    private final InputStream stdin;
    private final boolean terminal;
    private final boolean json;
    private final boolean showLatency;
    private ModeScreen modeScreen;

    /**
     * @param terminal    standard output is a terminal: the status screen, and questions are asked
     * @param json        {@code --json}: progress as JSON events
     * @param showLatency show the latency line on the status screen (ddrescue has none)
     */
    public ImageDisplay(String programName, String invocationName, RescueOptions options, PrintStream stderr,
            OutputStream stdout, InputStream stdin, boolean terminal, boolean json, boolean showLatency) {
        this.programName = programName;
        this.invocationName = invocationName;
        this.options = options;
        this.stderr = stderr;
        this.stdout = stdout;
        this.stdin = stdin;
        this.terminal = terminal;
        this.json = json;
        this.showLatency = showLatency;
    }

    /**
     * Prints a message as ddrescue does (nothing with {@code -q}). A line starting with a space continues the
     * message above it; any other line is a message of its own and gets the program name.
     */
    static void showMessage(PrintStream stderr, String programName, int verbosity, String message) {
        if (verbosity < 0) {
            return;
        }
        for (String line : message.split("\n", -1)) {
            stderr.print(line.startsWith(" ") ? line + "\n" : programName + ": " + line + "\n");
        }
    }

    @Override
    public void message(String text) {
        showMessage(stderr, programName, options.verbosity(), text);
    }

    @Override
    public void usageError(String text) {
        message(text);
        if (options.verbosity() >= 0) {
            stderr.print("Try '" + invocationName + " --help' for more information.\n");
        }
    }

    @Override
    public void line(String text) {
        if (options.verbosity() >= 0) {
            stderr.println(text);
        }
    }

    @Override
    public RescueListener rescue(ImagingRequest request, OutputImage output, boolean mapfileExisted) {
        PrintWriter screen = new PrintWriter(stdout, true, StandardCharsets.UTF_8);
        ProgressMode mode = ProgressMode.choose(json, options.verbosity() < 0, terminal);
        if (mode != ProgressMode.SCREEN) {
            return mode.listener(screen, options);
        }
        PreviewSource preview = PreviewSource.none();
        if (options.previewLines() > 0) {
            preview = (pos, dst) -> {
                try {
                    return Math.max(0, output.read(pos + options.outputOffset(), ByteBuffer.wrap(dst)));
                } catch (IOException e) {
                    return 0; // the preview then says there is no data
                }
            };
        }
        return new ProgressScreen(screen, options, options.previewLines(), preview, mapfileExisted,
                showLatency || options.verbosity() > 0);
    }

    @Override
    public void fillStarts(ImagingRequest request, long domainPos, long domainInSize, Filler.Progress initial,
            boolean mapfileExisted) {
        modeScreen().fillStarts(request, domainPos, domainInSize, typesText(options), initial, mapfileExisted);
    }

    @Override
    public void fillEnded(ImagingRequest request, Filler.Progress progress, RescueResult result) {
        modeScreen().fillEnded(progress, options.outputOffset(), result);
    }

    @Override
    public void generateStarts(ImagingRequest request, long domainPos, Generator.Progress initial,
            boolean mapfileExisted) {
        modeScreen().generateStarts(request, domainPos, initial, mapfileExisted);
    }

    @Override
    public void generateEnded(ImagingRequest request, Generator.Progress progress, RescueResult result) {
        modeScreen().generateEnded(progress, options.outputOffset(), result);
    }

    @Override
    public boolean ask(String question) {
        PrintStream out = new PrintStream(stdout, true, StandardCharsets.UTF_8);
        out.print(question);
        out.flush();
        try {
            int answer = stdin.read();
            return answer == 'y' || answer == 'Y';
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * ddrescue's question after a failed save: ENTER retries, E+ENTER saves to {@code ./ddrescue.map} (else
     * {@code $HOME/ddrescue.map}) and stops, Q+ENTER stops. Without a terminal, or with {@code -q}, the run stops.
     */
    @Override
    public MapfileSaveFailure.Choice mapfileSaveFailed(MapfileSaveFailure failure) {
        if (!terminal || options.verbosity() < 0) {
            return MapfileSaveFailure.Choice.ABORT; // the run's end names the cause
        }
        stderr.print("\n");
        message(failure.message());
        stderr.print("Fix the problem and press ENTER to retry,\n"
                + "                     or E+ENTER for an emergency save and exit,\n"
                + "                     or Q+ENTER to abort.\n");
        stderr.flush();
        try {
            while (true) {
                int c = stdin.read();
                int rest = c;
                while (rest != '\n' && rest >= 0) {
                    rest = stdin.read();
                }
                if (c < 0) {
                    return MapfileSaveFailure.Choice.ABORT;
                }
                switch (Character.toLowerCase(c)) {
                    case '\n', '\r' -> {
                        return MapfileSaveFailure.Choice.RETRY;
                    }
                    case 'e' -> {
                        return MapfileSaveFailure.Choice.EMERGENCY_SAVE;
                    }
                    case 'q' -> {
                        return MapfileSaveFailure.Choice.ABORT;
                    }
                    default -> {
                        // ddrescue waits for one of its three answers
                    }
                }
            }
        } catch (IOException e) {
            return MapfileSaveFailure.Choice.ABORT;
        }
    }

    private ModeScreen modeScreen() {
        if (modeScreen == null) {
            modeScreen = new ModeScreen(new PrintStream(stdout, false, StandardCharsets.ISO_8859_1),
                    options.verbosity());
        }
        return modeScreen;
    }

    /** The -F argument as ddrescue echoes it; rebuilt from the parsed types, in ddrescue's status order. */
    private static String typesText(RescueOptions a) {
        StringBuilder b = new StringBuilder();
        for (BlockStatus status : BlockStatus.values()) {
            if (a.fillTypes().contains(status)) {
                b.append(status.symbol());
            }
        }
        return a.fillWritesLocation() ? b.append('l').toString() : b.toString();
    }
}
