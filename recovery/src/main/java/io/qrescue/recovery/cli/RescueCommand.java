package io.qrescue.recovery.cli;

import io.qrescue.mapfile.MapfileException;
import io.qrescue.recovery.cli.image.ImageCommand;
import io.qrescue.recovery.cli.image.ImageTool;
import io.qrescue.recovery.pipeline.PipelineListener;
import io.qrescue.recovery.pipeline.PipelineOptions;
import io.qrescue.recovery.pipeline.PipelineResult;
import io.qrescue.recovery.pipeline.RescuePipeline;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code qrescue rescue SOURCE WORKDIR}: images the source (metadata first), analyses the stack, extracts the
 * volumes, copies the files out and writes the report; rerunning it continues where it stopped.
 */
@Command(name = "rescue", mixinStandardHelpOptions = true,
        description = {"Rescue a failing NAS disk end to end: image it (the stack's metadata first, with retries),",
                "analyse the stack, extract every volume, copy the files out, write WORKDIR/report.html.",
                "Rerun the same command to continue after an interruption or to retry more."})
public final class RescueCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SOURCE", description = "the failing disk or an image of it (only read)")
    Path source;

    @Parameters(index = "1", paramLabel = "WORKDIR", description = "where the image, mapfile, volumes, files and report go")
    Path workdir;

    @Option(names = "--retries", paramLabel = "N", description = "retry passes over bad sectors outside metadata [1]")
    int retries = 1;

    @Option(names = "--metadata-retries", paramLabel = "N", description = "retry passes over bad sectors in metadata [3]")
    int metadataRetries = 3;

    @Option(names = {"-d", "--idirect"}, description = "read the source with O_DIRECT (as ddrescue -d)")
    boolean direct;

    @Option(names = "--simulate", paramLabel = "FILE",
            description = "read SOURCE as a disk failing as FILE says (see qrescue image --help): drills and demos")
    Path simulate;

    @Option(names = {"-q", "--quiet"}, description = "only the stages and the summary, not the imaging lines")
    boolean quiet;

    @Override
    public Integer call() {
        return run(spec.commandLine().getOut(), spec.commandLine().getErr(), true);
    }

    /** Runs the job, printing to {@code out} and {@code err}; {@code handleSignals}: Ctrl-C saves the map first. */
    int run(PrintWriter out, PrintWriter err, boolean handleSignals) {
        List<String> imageArgs = new ArrayList<>();
        if (quiet) {
            imageArgs.add("-q");
        }
        if (direct) {
            imageArgs.add("-d");
        }
        if (simulate != null) {
            imageArgs.add("--simulate=" + simulate.toAbsolutePath());
        }
        PipelineOptions options;
        try {
            options = new PipelineOptions(source, workdir, metadataRetries, retries, 6, imageArgs);
        } catch (IllegalArgumentException e) {
            err.println("qrescue rescue: " + e.getMessage());
            return ExitCodes.ENVIRONMENT;
        }
        PrintStream errors = new PrintStream(new WriterOutputStream(err), true, StandardCharsets.UTF_8);
        ImageTool.Io io = new ImageTool.Io(InputStream.nullInputStream(), new WriterOutputStream(out), errors,
                Path.of(""));
        PipelineListener listener = new PipelineListener() {
            @Override
            public void stage(String name, String what, boolean skipped) {
                out.println((skipped ? "-- " : "== ") + name + ": " + what + (skipped ? " (done before)" : ""));
                out.flush();
            }

            @Override
            public void note(String message) {
                out.println("   " + message);
                out.flush();
            }
        };
        try {
            PipelineResult result = new RescuePipeline(options, args -> ImageCommand.run(args, io, handleSignals),
                    listener).run();
            if (result.exitCode() != ExitCodes.OK) {
                err.println("qrescue rescue: imaging stopped with exit status " + result.exitCode()
                        + "; fix the cause and run the same command again to continue");
                return result.exitCode();
            }
            out.println();
            out.print(PipelineSummary.render(result, options));
            return ExitCodes.OK;
        } catch (MapfileException e) {
            err.println("qrescue rescue: " + e.getMessage());
            return e.exitCode();
        } catch (IOException e) {
            err.println("qrescue rescue: " + e.getMessage());
            return ExitCodes.ENVIRONMENT;
        }
    }
}
