package io.qrescue.recovery.cli;

import io.qrescue.recovery.cli.image.ImageCommand;
import io.qrescue.recovery.imaging.ImagingIo;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The run the {@code qrescue} launcher records its class-data-sharing archive from
 * ({@code java -XX:ArchiveClassesAtExit=... -cp qrescue.jar io.qrescue.recovery.cli.StartupTraining}): the
 * everyday commands on small files in a temporary directory, output thrown away, so the classes they load
 * start from the archive afterwards. Touches nothing outside that directory.
 */
public final class StartupTraining {

    private StartupTraining() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory("qrescue-cds");
        try {
            train(dir);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static void train(Path dir) throws IOException {
        Path map = dir.resolve("disk.map");
        Files.writeString(map, "# current_pos  current_status  current_pass\n0x00010000     ?               1\n"
                + "0x00000000  0x00010000  +\n0x00010000  0x00001000  -\n0x00011000  0x000EF000  ?\n",
                StandardCharsets.ISO_8859_1);
        Path other = dir.resolve("other.map");
        Files.writeString(other, "0 +\n0 0x100000 +\n", StandardCharsets.ISO_8859_1);
        Path disk = dir.resolve("disk.img");
        Files.write(disk, new byte[1 << 20]);

        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream(), true);
        for (List<String> log : List.of(List.of("-t", "disk.map"), List.of("-l+", "disk.map"),
                List.of("-C", "disk.map"), List.of("-x", "other.map", "disk.map"), List.of("--help"))) {
            var io = new DdrescuelogTool.Io(InputStream.nullInputStream(), nowhere, nowhere, false, false, dir);
            quietly(() -> new DdrescuelogTool("qrescue log", "qrescue log", io).run(log.toArray(String[]::new)));
        }
        var imageIo = new ImagingIo(InputStream.nullInputStream(), nowhere, dir);
        quietly(() -> ImageCommand.run(List.of("-q", disk.toString(), dir.resolve("copy.img").toString(),
                dir.resolve("copy.map").toString()), imageIo, nowhere));
        PrintWriter none = new PrintWriter(OutputStream.nullOutputStream(), true);
        for (List<String> command : List.of(List.of("--help"), List.of("--version"),
                List.of("analyze", disk.toString(), "--map", map.toString()),
                List.of("extract", disk.toString(), dir.resolve("part.img").toString(), "--offset", "0",
                        "--length", "65536"))) {
            quietly(() -> Main.commandLine(none, none).execute(command.toArray(String[]::new)));
        }
    }

    /** Runs one training command; whatever it does or throws only decides which classes get loaded. */
    private static void quietly(Runnable command) {
        try {
            command.run();
        } catch (RuntimeException e) {
            // a failed training command still loaded classes; the archive is only a speed-up
        }
    }
}
