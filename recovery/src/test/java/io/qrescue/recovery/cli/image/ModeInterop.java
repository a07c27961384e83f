package io.qrescue.recovery.cli.image;

import io.qrescue.recovery.imaging.QrescueOptions;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/** Runs GNU ddrescue and {@code qrescue image} on two copies of the same files and compares what they leave. */
final class ModeInterop {

    /** What a run left: exit code, stderr, and the files of its directory (mapfiles without comment lines). */
    record Outcome(int exitCode, String stderr, List<String> files) {
    }

    private ModeInterop() {
    }

    static Outcome gnu(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("/usr/bin/ddrescue"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Outcome(process.waitFor(), stderr, files(dir));
    }

    static Outcome ours(Path dir, String... args) throws IOException {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = ImageRunner.run("ddrescue", new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(),
                new PrintStream(err, true, StandardCharsets.UTF_8), dir, QrescueOptions.NONE, args);
        return new Outcome(exit, err.toString(StandardCharsets.UTF_8), files(dir));
    }

    /** Copies every file of {@code from} into two new directories "gnu" and "ours" under {@code root}. */
    static Path[] twoCopies(Path root, Path from) throws IOException {
        Path gnu = Files.createDirectories(root.resolve("gnu"));
        Path ours = Files.createDirectories(root.resolve("ours"));
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, gnu.resolve(f.getFileName()));
                Files.copy(f, ours.resolve(f.getFileName()));
            }
        }
        return new Path[] {gnu, ours};
    }

    static void assertSame(Outcome gnu, Outcome ours) {
        assertThat(ours.files()).isEqualTo(gnu.files());
        assertThat(ours.exitCode()).as("exit code; ddrescue said %s, we said %s", gnu.stderr(), ours.stderr())
                .isEqualTo(gnu.exitCode());
    }

    private static List<String> files(Path dir) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                byte[] bytes = Files.readAllBytes(f);
                String name = f.getFileName().toString();
                if (name.contains("map")) {
                    String text = new String(bytes, StandardCharsets.ISO_8859_1);
                    out.add(name + ":\n" + String.join("\n", Arrays.stream(text.split("\n"))
                            .filter(l -> !l.startsWith("#") && !l.isBlank()).toList()));
                } else {
                    out.add(name + ": " + bytes.length + " bytes, " + Arrays.hashCode(bytes));
                }
            }
        }
        return out;
    }
}
