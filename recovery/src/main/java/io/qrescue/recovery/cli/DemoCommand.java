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
 * {@code qrescue demo}: the most complete job qrescue can do, on a built-in example: the mapfile of a
 * failing 4 TB NAS disk whose rescue was interrupted. Shows its status as ddrescuelog does, the damaged
 * areas, and draws its picture.
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
            Path mapPath = outDir.resolve(EXAMPLE);
            copyExample(mapPath);
            out.println("qrescue demo: the mapfile of a failing 4 TB NAS disk, rescue interrupted in copying pass 1");
            out.println("mapfile: " + mapPath);
            out.println();

            out.println("== Status (what 'qrescue log -t' and ddrescuelog -t print)");
            StatusSummary summary = StatusSummary.of(MapfileReader.read(mapPath, null), Domain.everything());
            out.print(summary.render(null, false));
            out.println();

            Mapfile mapfile = MapfileReader.read(mapPath, null);
            List<DamagedAreas> damaged = DamagedAreas.of(mapfile.blocks());
            long bad = damaged.stream().mapToLong(DamagedAreas::badBytes).sum();
            out.printf("== Damaged areas: %d, holding %sB of bad sectors; the largest:%n", damaged.size(),
                    HumanNumbers.formatNum(bad, false));
            out.println("           position          size   bad-sector  non-scraped  non-trimmed");
            for (DamagedAreas area : DamagedAreas.largest(damaged, 10)) {
                out.printf("  0x%016X  %11sB  %10sB  %10sB  %10sB%n", area.area().pos(),
                        HumanNumbers.formatNum(area.area().size(), false),
                        HumanNumbers.formatNum(area.bytes().getOrDefault(BlockStatus.BAD_SECTOR, 0L), false),
                        HumanNumbers.formatNum(area.bytes().getOrDefault(BlockStatus.NON_SCRAPED, 0L), false),
                        HumanNumbers.formatNum(area.bytes().getOrDefault(BlockStatus.NON_TRIMMED, 0L), false));
            }
            out.println();

            Path png = outDir.resolve("failing-nas-disk.png");
            Path svg = outDir.resolve("failing-nas-disk.svg");
            MapPicture picture = MapPicture.of(mapfile, PictureOptions.defaults().withTitle(EXAMPLE));
            picture.writeTo(png);
            picture.writeTo(svg);
            out.println("== Picture of the map (ddrescueview's colours): " + png + " and " + svg);
            out.println();
            out.println("Try next:");
            out.println("  ./qrescue log -l- -b4096 " + mapPath + "    # 4 KiB blocks touched by bad sectors");
            out.println("  ./qrescue log -A " + mapPath + "            # the mapfile with human-readable sizes");
            out.println("  ./qrescue map picture " + mapPath + " map.svg --grid 128x64");
            return ExitCodes.OK;
        } catch (MapfileException e) {
            err.println("qrescue: " + e.getMessage());
            return e.exitCode();
        } catch (IOException e) {
            err.println("qrescue: " + outDir + ": " + e.getMessage());
            return ExitCodes.ENVIRONMENT;
        }
    }

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
