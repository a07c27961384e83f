package io.qrescue.recovery.cli;

import io.qrescue.mapfile.BlockStatus;
import io.qrescue.mapfile.Domain;
import io.qrescue.mapfile.Mapfile;
import io.qrescue.mapfile.MapfileException;
import io.qrescue.mapfile.MapfileReader;
import io.qrescue.mapfile.picture.MapPicture;
import io.qrescue.mapfile.picture.PictureOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code qrescue map picture MAPFILE OUT}: the map as ddrescueview draws it, as PNG or SVG. */
@Command(name = "picture", mixinStandardHelpOptions = true,
        description = "Draw MAPFILE as a grid of cells in ddrescueview's colours, with a legend, to OUT (.png or .svg).")
public final class MapPictureCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MAPFILE", description = "a ddrescue mapfile")
    Path mapfile;

    @Parameters(index = "1", paramLabel = "OUT", description = "picture to write: *.png or *.svg (replaced atomically)")
    Path out;

    @Option(names = "--size", paramLabel = "WxH", description = "picture size in pixels [1024x768]")
    String size;

    @Option(names = "--grid", paramLabel = "COLSxROWS", description = "cells per row and rows instead of --size")
    String grid;

    @Option(names = {"-m", "--domain-mapfile"}, paramLabel = "FILE",
            description = "outline the finished blocks of FILE (e.g. metadata regions)")
    Path domainMapfile;

    @Option(names = {"-b", "--sector-size"}, paramLabel = "BYTES", description = "cells are whole sectors [512]")
    int sectorSize = 512;

    @Option(names = {"-B", "--binary-prefixes"}, description = "sizes in KiB, MiB...")
    boolean binaryPrefixes;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            Mapfile map = MapfileReader.read(mapfile, null);
            PictureOptions options = PictureOptions.defaults().withTitle(mapfile.getFileName().toString())
                    .withSectorSize(sectorSize).withBinaryPrefixes(binaryPrefixes);
            if (size != null) {
                int[] wh = pair(size, "--size");
                options = options.withSize(wh[0], wh[1]);
            }
            if (grid != null) {
                int[] cr = pair(grid, "--grid");
                options = options.withGrid(cr[0], cr[1]);
            }
            if (domainMapfile != null) {
                Mapfile domainMap = MapfileReader.read(domainMapfile, BlockStatus.NON_TRIED);
                domainMap.blocks().compact();
                options = options.withDomain(Domain.ofFinished(domainMap.blocks(), 0, -1),
                        PictureOptions.DomainStyle.OUTLINE);
            }
            MapPicture.of(map, options).writeTo(out);
            return ExitCodes.OK;
        } catch (MapfileException e) {
            err.println("qrescue: " + e.getMessage());
            return ExitCodes.of(e);
        } catch (IllegalArgumentException e) {
            err.println("qrescue: " + e.getMessage());
            return ExitCodes.ENVIRONMENT;
        } catch (IOException e) {
            err.println("qrescue: " + out + ": can't write the picture: " + e.getMessage());
            return ExitCodes.of(e);
        }
    }

    private static int[] pair(String text, String option) {
        String[] parts = text.toLowerCase(java.util.Locale.ROOT).split("x");
        try {
            if (parts.length == 2) {
                return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("'" + text + "': expected two numbers like 1024x768 in option '" + option + "'.");
    }
}
