package io.qrescue.recovery.cli;

import io.qrescue.mapfile.BlockStatus;
import io.qrescue.mapfile.Domain;
import io.qrescue.mapfile.HumanNumbers;
import io.qrescue.mapfile.Mapfile;
import io.qrescue.mapfile.MapfileException;
import io.qrescue.mapfile.MapfileFiles;
import io.qrescue.mapfile.MapfileReader;
import io.qrescue.mapfile.log.DamagedAreas;
import io.qrescue.mapfile.log.StatusSummary;
import io.qrescue.mapfile.picture.MapPicture;
import io.qrescue.mapfile.picture.PictureOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import io.qrescue.mapfile.StatusBlock;
import io.qrescue.recovery.cli.image.EngineLauncher;
import io.qrescue.recovery.cli.image.ImageTool;
import io.qrescue.recovery.cli.image.ProgressLines;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code qrescue demo}: the most complete job qrescue can do, on built-in examples: a rescue of a simulated
 * failing disk (bad areas from a ddrescue test-mode map), then the mapfile of a failing 4 TB NAS disk whose
 * rescue was interrupted. For each map: its status as ddrescuelog shows it, the damaged areas, its picture.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run qrescue on the built-in example: a failing 4 TB NAS disk's mapfile.")
public final class DemoCommand implements Callable<Integer> {

    static final String EXAMPLE = "failing-nas-disk.map";

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
            int code = rescueSimulatedDisk(out, err);
            if (code != ExitCodes.OK) {
                return code;
            }
            Path mapPath = outDir.resolve(EXAMPLE);
            copyExample(mapPath);
            out.println();
            out.println("== Part 2: the mapfile of a failing 4 TB NAS disk, rescue interrupted in copying pass 1");
            out.println("mapfile: " + mapPath);
            report(out, mapPath, "failing-nas-disk");
            out.println();
            out.println("Try next:");
            out.println("  ./qrescue log -l- -b4096 " + mapPath + "    # 4 KiB blocks touched by bad sectors");
            out.println("  ./qrescue log -A " + mapPath + "            # the mapfile with human-readable sizes");
            out.println("  ./qrescue image -r3 " + outDir.resolve("disk.img") + " " + outDir.resolve("rescued.img") + " "
                    + outDir.resolve("rescued.map") + " -H " + outDir.resolve("disk.faults")
                    + "    # resume with 3 retry passes");
            return ExitCodes.OK;
        } catch (MapfileException e) {
            err.println("qrescue: " + e.getMessage());
            return e.exitCode();
        } catch (IOException e) {
            err.println("qrescue: " + outDir + ": " + e.getMessage());
            return ExitCodes.ENVIRONMENT;
        }
    }

    /**
     * Part 1: a 32 MiB disk image with bad areas simulated by a ddrescue test-mode map (-H), rescued by the
     * engine exactly as {@code qrescue image} does it, into rescued.img and rescued.map.
     */
    private int rescueSimulatedDisk(PrintWriter out, PrintWriter err) throws IOException, MapfileException {
        Path disk = outDir.resolve("disk.img");
        Path faults = outDir.resolve("disk.faults");
        byte[] data = new byte[32 << 20];
        new Random(2026).nextBytes(data);
        new MapfileFiles().replace(disk, data, false);
        new MapfileFiles().replace(faults, SIMULATED_FAULTS.getBytes(StandardCharsets.ISO_8859_1), false);
        Files.deleteIfExists(outDir.resolve("rescued.img"));
        Files.deleteIfExists(outDir.resolve("rescued.map"));
        out.println("== Part 1: rescuing a failing disk (32 MiB, bad areas simulated by " + faults + ")");
        out.println("qrescue image -r1 -H disk.faults disk.img rescued.img rescued.map");
        out.flush();

        String[] args = {"-r1", "-H", "disk.faults", "disk.img", "rescued.img", "rescued.map"};
        PrintStream errors = new PrintStream(new WriterOutputStream(err), true, StandardCharsets.UTF_8);
        var io = new ImageTool.Io(InputStream.nullInputStream(), new WriterOutputStream(out), errors, outDir);
        EngineLauncher.Display lines = (arguments, options, output, existed) -> new ProgressLines(out, options);
        var launcher = new EngineLauncher("qrescue image", "qrescue image " + String.join(" ", args), io, lines, false);
        int code = new ImageTool("qrescue image", "qrescue image", io, launcher).run(args);
        if (code != ExitCodes.OK) {
            return code;
        }
        report(out, outDir.resolve("rescued.map"), "rescued");
        out.println(verify(data, outDir.resolve("rescued.img"), outDir.resolve("rescued.map")));
        return ExitCodes.OK;
    }

    /** Checks the image against the source: every finished block must hold the source's bytes. */
    private static String verify(byte[] source, Path image, Path map) throws IOException, MapfileException {
        byte[] copy = Files.readAllBytes(image);
        long checked = 0;
        for (StatusBlock sb : MapfileReader.read(map, null).blocks()) {
            if (sb.status() != BlockStatus.FINISHED) {
                continue;
            }
            int from = (int) sb.pos();
            int to = (int) sb.end();
            if (to > copy.length || !Arrays.equals(copy, from, to, source, from, to)) {
                return "Verification FAILED: rescued.img differs from disk.img in the finished block at "
                        + String.format("0x%X", sb.pos());
            }
            checked += sb.size();
        }
        return "Verified: all " + HumanNumbers.formatNum(checked, false) + "B the map calls finished equal the source.";
    }

    /** Status as ddrescuelog prints it, the largest damaged areas, and the picture of the map. */
    private void report(PrintWriter out, Path mapPath, String pictureName) throws IOException, MapfileException {
        out.println();
        out.println("Status (what 'qrescue log -t' and ddrescuelog -t print):");
        Mapfile mapfile = MapfileReader.read(mapPath, null);
        out.print(StatusSummary.of(mapfile, Domain.everything()).render(null, false));
        out.println();

        List<DamagedAreas> damaged = DamagedAreas.of(mapfile.blocks());
        long bad = damaged.stream().mapToLong(DamagedAreas::badBytes).sum();
        out.printf("Damaged areas: %d, holding %sB of bad sectors; the largest:%n", damaged.size(),
                HumanNumbers.formatNum(bad, false));
        out.println("           position          size   bad-sector  non-scraped  non-trimmed");
        for (DamagedAreas area : DamagedAreas.largest(damaged, 6)) {
            out.printf("  0x%016X  %11sB  %10sB  %10sB  %10sB%n", area.area().pos(),
                    HumanNumbers.formatNum(area.area().size(), false),
                    HumanNumbers.formatNum(area.bytes().getOrDefault(BlockStatus.BAD_SECTOR, 0L), false),
                    HumanNumbers.formatNum(area.bytes().getOrDefault(BlockStatus.NON_SCRAPED, 0L), false),
                    HumanNumbers.formatNum(area.bytes().getOrDefault(BlockStatus.NON_TRIMMED, 0L), false));
        }
        Path png = outDir.resolve(pictureName + ".png");
        Path svg = outDir.resolve(pictureName + ".svg");
        MapPicture picture = MapPicture.of(mapfile, PictureOptions.defaults().withTitle(mapPath.getFileName().toString()));
        picture.writeTo(png);
        picture.writeTo(svg);
        out.println("Picture of the map (ddrescueview's colours): " + png + " and " + svg);
    }

    /** Where the simulated disk cannot be read: everything but these ranges is finished ('+') in test mode. */
    private static final String SIMULATED_FAULTS = """
            # ddrescue test-mode map (-H): only '+' blocks can be read
            0 + 1
            0x00000000  0x00100000  +
            0x00100000  0x00000200  -
            0x00100200  0x006FFE00  +
            0x00800000  0x00010000  -
            0x00810000  0x007F0000  +
            0x01000000  0x00200000  -
            0x01200000  0x00A03400  +
            0x01C03400  0x00000400  -
            0x01C03800  0x003FC800  +
            """;

    /** Writes the bundled example to {@code target}, replacing it atomically. */
    private static void copyExample(Path target) throws IOException {
        try (InputStream in = DemoCommand.class.getResourceAsStream("/io/qrescue/recovery/demo/" + EXAMPLE)) {
            if (in == null) {
                throw new IOException("the built-in example " + EXAMPLE + " is missing from the jar");
            }
            new MapfileFiles().replace(target, in.readAllBytes(), false);
        }
    }
}
