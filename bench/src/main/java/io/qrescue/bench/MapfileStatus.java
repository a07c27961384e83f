package io.qrescue.bench;

import io.qrescue.mapfile.BlockStatus;
import io.qrescue.mapfile.Mapfile;
import io.qrescue.mapfile.MapfileException;
import io.qrescue.mapfile.MapfileReader;
import io.qrescue.mapfile.StatusBlock;
import java.nio.file.Path;

/**
 * Reads a mapfile and prints the number of blocks and bytes per status, for timing against
 * {@code ddrescuelog -t} as whole processes. Stands in until {@code qrescue log -t} exists.
 *
 * <p>Usage: {@code MapfileStatus FILE}; exit status as ddrescuelog's for an unreadable or invalid mapfile.
 */
public final class MapfileStatus {

    private MapfileStatus() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("Usage: MapfileStatus FILE");
            System.exit(1);
        }
        Mapfile map;
        try {
            map = MapfileReader.read(Path.of(args[0]), null);
        } catch (MapfileException e) {
            System.err.println("MapfileStatus: " + e.getMessage());
            System.exit(e.exitCode());
            return;
        }
        long[] blocks = new long[BlockStatus.values().length];
        long[] bytes = new long[BlockStatus.values().length];
        for (StatusBlock sb : map.blocks()) {
            blocks[sb.status().ordinal()]++;
            bytes[sb.status().ordinal()] += sb.size();
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format("current pos: %d, current status: %s%n", map.currentPos(), map.runStatus().label()));
        out.append(String.format("extent: %d bytes in %d blocks%n", map.blocks().extent().size(),
                map.blocks().blockCount()));
        for (BlockStatus status : BlockStatus.values()) {
            out.append(String.format("%12s: %16d bytes in %8d blocks%n", status.label(), bytes[status.ordinal()],
                    blocks[status.ordinal()]));
        }
        System.out.print(out);
    }
}
