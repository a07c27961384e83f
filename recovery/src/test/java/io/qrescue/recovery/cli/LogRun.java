package io.qrescue.recovery.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One run of ddrescuelog or of {@code qrescue log}: exit code and output, with the parts that legitimately
 * differ (program name, command line, start time) normalised so the two can be compared.
 */
record LogRun(int exitCode, String stdout, String stderr) {

    /** Runs {@link DdrescuelogTool} in this JVM with {@code dir} as the working directory for relative names. */
    static LogRun qrescue(Path dir, byte[] stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        var io = new DdrescuelogTool.Io(new ByteArrayInputStream(stdin), out,
                new PrintStream(err, true, StandardCharsets.ISO_8859_1), false, false, dir);
        int code = new DdrescuelogTool("ddrescuelog", "ddrescuelog", io).run(args);
        return new LogRun(code, normalise(out.toString(StandardCharsets.ISO_8859_1), dir),
                normalise(err.toString(StandardCharsets.ISO_8859_1), dir));
    }

    /** Runs the installed GNU ddrescuelog in {@code dir}. */
    static LogRun gnu(Path dir, byte[] stdin, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("ddrescuelog");
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).start();
        try (var in = process.getOutputStream()) {
            in.write(stdin);
        } catch (IOException e) {
            // ddrescuelog exited without reading its standard input: fine
        }
        byte[] out = process.getInputStream().readAllBytes();
        byte[] err = process.getErrorStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("ddrescuelog hung: " + command);
        }
        return new LogRun(process.exitValue(), normalise(new String(out, StandardCharsets.ISO_8859_1), dir),
                normalise(new String(err, StandardCharsets.ISO_8859_1), dir));
    }

    static String normalise(String text, Path dir) {
        return text.replaceAll("(?m)^# Command line: .*$", "# Command line: <cmd>")
                .replaceAll("(?m)^# Start time: .*$", "# Start time: <time>");
    }
}
