package io.qrescue.recovery.cli;

import io.qrescue.recovery.files.FileTrees;
import io.qrescue.mapfile.MapfileFiles;
import io.qrescue.recovery.analysis.StackAnalysis;
import io.qrescue.recovery.source.FileImageSource;
import io.qrescue.recovery.stack.NamedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.zip.GZIPInputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code qrescue demo}: the whole rescue ({@code qrescue rescue}) on a built-in example: a 96 MiB disk of a
 * QNAP-like NAS (GPT, md RAID1 metadata 1.0 on partition 3, LVM, a thin pool, two thin volumes with ext4 and a
 * snapshot), read as a failing disk with bad sectors in the thin metadata, in a volume's data and outside the
 * stack.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the whole rescue on the built-in example: a failing QNAP-like NAS disk.")
public final class DemoCommand implements Callable<Integer> {

    static final String EXAMPLE = "qnap-disk.img.gz";

    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", description = "where to put the example's files [qrescue-demo]")
    Path outDir = Path.of("qrescue-demo");

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            Files.createDirectories(outDir);
            Path disk = outDir.resolve("nas-disk.img");
            unpackExample(disk);
            Path faults = outDir.resolve("nas-disk.faults");
            String spec;
            try (FileImageSource image = FileImageSource.open(disk)) {
                spec = DemoFaults.of(StackAnalysis.analyze(List.of(new NamedImage(disk.getFileName().toString(),
                        image))));
            }
            new MapfileFiles().replace(faults, spec.getBytes(StandardCharsets.UTF_8), false);
            Path work = outDir.resolve("rescue");
            FileTrees.deleteTree(work); // the demo starts over each time; a real job continues instead
            out.println("The example: " + disk + ", a QNAP-like NAS disk (96 MiB), read as a failing disk:");
            out.print(spec.lines().map(l -> "  " + l + "\n").reduce("", String::concat));
            out.println();
            out.println("qrescue rescue -q --simulate=" + faults + " " + disk + " " + work);
            out.flush();
            RescueCommand rescue = new RescueCommand();
            rescue.paths = List.of(disk, work);
            rescue.simulate = faults;
            rescue.quiet = true;
            int code = rescue.run(out, err, false);
            if (code == ExitCodes.OK || code == ExitCodes.CORRUPT_INPUT) {
                out.println();
                if (code == ExitCodes.CORRUPT_INPUT) {
                    out.println("The job ends with exit status 2 (corrupt input): the bad mapping leaf leaves the place"
                            + " of lv2's bytes unknown, as the line on standard error says.");
                }
                out.println("Try next:");
                out.println("  open " + work.resolve("report.html") + "   # the report: map picture, stack, damage, files");
                out.println("  ./qrescue log -t " + work.resolve("disk.map") + "   # the mapfile as ddrescuelog sees it");
                out.println("  ./qrescue rescue --metadata-retries=5 --simulate=" + faults + " " + disk + " " + work
                        + "   # continue the job with more retries");
            }
            return code;
        } catch (IOException e) {
            err.println("qrescue demo: " + e.getMessage());
            return ExitCodes.of(e);
        }
    }

    /** Writes the bundled example to {@code target} through a temporary file. */
    private static void unpackExample(Path target) throws IOException {
        Path temp = target.resolveSibling("." + target.getFileName() + ".tmp");
        try (InputStream in = DemoCommand.class.getResourceAsStream("/io/qrescue/recovery/demo/" + EXAMPLE)) {
            if (in == null) {
                throw new IOException("the built-in example " + EXAMPLE + " is missing from the jar");
            }
            try (InputStream gz = new GZIPInputStream(in); OutputStream o = Files.newOutputStream(temp)) {
                gz.transferTo(o);
            }
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

}
