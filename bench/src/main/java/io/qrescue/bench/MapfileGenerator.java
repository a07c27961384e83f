package io.qrescue.bench;

import io.qrescue.mapfile.BlockMap;
import io.qrescue.mapfile.BlockStatus;
import io.qrescue.mapfile.Mapfile;
import io.qrescue.mapfile.MapfileHeader;
import io.qrescue.mapfile.MapfileWriter;
import io.qrescue.mapfile.RunStatus;
import io.qrescue.mapfile.StatusBlock;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A large, realistic mapfile for benchmarks, the same for a given block count and seed: a 3 TB disk in the
 * scraping phase, rescued ({@code +}) stretches of a few MB alternating with small failed areas
 * ({@code -} sectors, {@code /} and {@code *} areas, clusters not tried yet), then the untried rest.
 *
 * <p>Usage: {@code MapfileGenerator FILE [BLOCKS [SEED]]}, by default 1,000,000 blocks, seed 1.
 */
public final class MapfileGenerator {

    /** A 3 TB disk: 5,860,533,168 sectors of 512 bytes. */
    public static final long DEVICE_SIZE = 5_860_533_168L * 512;
    public static final int DEFAULT_BLOCKS = 1_000_000;
    public static final long DEFAULT_SEED = 1;

    private static final int SECTOR = 512;
    private static final int CLUSTER_SECTORS = 128; // ddrescue's 64 KiB default cluster
    /** Header with fixed times, so the same map always gives the same bytes. */
    public static final MapfileHeader HEADER = new MapfileHeader(MapfileHeader.RESCUE_CREATOR,
            "ddrescue -d -r3 /dev/sdb disk.img disk.map", "2026-11-27 04:31:52", "2026-11-29 18:02:11");

    private MapfileGenerator() {
    }

    /** A map of {@code blockCount} blocks (at least 2) over {@link #DEVICE_SIZE}; adjacent statuses differ. */
    public static Mapfile generate(int blockCount, long seed) {
        Random random = new Random(seed);
        long deviceSectors = DEVICE_SIZE / SECTOR;
        // rescued stretches get about 80 % of the disk; failed areas average under 1000 sectors
        long meanRescuedSectors = deviceSectors * 8 / 10 / Math.max(1, blockCount / 2);
        List<StatusBlock> blocks = new ArrayList<>(blockCount);
        long sector = 0;
        BlockStatus previous = BlockStatus.NON_TRIED;
        for (int i = 0; i < blockCount - 1; i++) {
            BlockStatus status = previous == BlockStatus.FINISHED ? failedStatus(random) : BlockStatus.FINISHED;
            long sectors = switch (status) {
                case FINISHED -> 1 + (long) (random.nextDouble() * (2 * meanRescuedSectors - 1));
                case BAD_SECTOR -> 1 + random.nextInt(16);
                case NON_SCRAPED -> 1 + random.nextInt(256);
                case NON_TRIMMED -> (long) CLUSTER_SECTORS * (1 + random.nextInt(8));
                case NON_TRIED -> (long) CLUSTER_SECTORS * (1 + random.nextInt(64));
            };
            sectors = Math.min(sectors, deviceSectors - sector - (blockCount - 1 - i)); // room for the rest
            blocks.add(new StatusBlock(sector * SECTOR, sectors * SECTOR, status));
            sector += sectors;
            previous = status;
        }
        BlockStatus last = previous == BlockStatus.NON_TRIED ? BlockStatus.FINISHED : BlockStatus.NON_TRIED;
        blocks.add(new StatusBlock(sector * SECTOR, DEVICE_SIZE - sector * SECTOR, last));
        long currentPos = blocks.get(blockCount / 2).pos();
        Mapfile map = new Mapfile(currentPos, RunStatus.SCRAPING, 1, BlockMap.of(blocks));
        map.runStatus(RunStatus.SCRAPING, "Scraping failed blocks... (forwards)");
        return map;
    }

    private static BlockStatus failedStatus(Random random) {
        int pick = random.nextInt(10);
        return pick < 4 ? BlockStatus.BAD_SECTOR
                : pick < 6 ? BlockStatus.NON_SCRAPED
                : pick < 8 ? BlockStatus.NON_TRIMMED
                : BlockStatus.NON_TRIED;
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 3) {
            System.err.println("Usage: MapfileGenerator FILE [BLOCKS [SEED]]");
            System.exit(1);
        }
        int blockCount = args.length > 1 ? Integer.parseInt(args[1]) : DEFAULT_BLOCKS;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : DEFAULT_SEED;
        try (OutputStream out = Files.newOutputStream(Path.of(args[0]))) {
            MapfileWriter.write(generate(blockCount, seed), HEADER, out);
        }
    }
}
