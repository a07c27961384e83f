package io.qrescue.mapfile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.List;
import java.util.Random;

/**
 * The child process of {@link MapfileSaverCrashTest}: plays a rescue that saves its mapfile after every step
 * until it is killed. Each map claims more finished bytes than the one before. Before each save, the
 * "output sync" appends the claim to {@code written.log} and forces it, standing in for the rescued data
 * reaching the device. A restarted child resumes from the mapfile, as ddrescue does.
 *
 * <p>Arguments: directory, seed.
 */
public final class SaveLoopMain {

    static final String MAPFILE = "crash.map";
    static final String WRITTEN_LOG = "written.log";
    static final long DEVICE_SIZE = 1L << 40;

    private SaveLoopMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Random random = new Random(Long.parseLong(args[1]));
        Path mapfile = dir.resolve(MAPFILE);
        Domain domain = Domain.of(0, DEVICE_SIZE);
        Mapfile map = Files.exists(mapfile) ? MapfileReader.read(mapfile, null)
                : new Mapfile(0, RunStatus.COPYING, 1, BlockMap.of(List.of(
                        new StatusBlock(0, DEVICE_SIZE, BlockStatus.NON_TRIED))));
        long[] claim = {finishedBytes(map)};
        MapfileHeader header = new MapfileHeader(MapfileHeader.RESCUE_CREATOR, "SaveLoopMain " + args[1],
                "2026-11-27 04:31:52", null);
        try (FileChannel written = FileChannel.open(dir.resolve(WRITTEN_LOG), StandardOpenOption.CREATE,
                StandardOpenOption.APPEND)) {
            MapfileSaver saver = new MapfileSaver(mapfile, header, new MapfileSavePolicy(0, 5), Clock.systemUTC(),
                    () -> record(written, claim[0]));
            for (int step = 0; ; step++) {
                long frontier = map.blocks().blockContaining(DEVICE_SIZE - 1).pos(); // start of the non-tried rest
                long chunk = 512L * (1 + random.nextInt(4096));
                // most of the chunk is rescued; now and then a bad sector in its middle
                Block rescued = new Block(frontier, chunk);
                map.blocks().changeChunkStatus(rescued, BlockStatus.FINISHED, domain);
                if (random.nextInt(3) == 0) {
                    long bad = frontier + 512L * random.nextInt((int) (chunk / 512));
                    map.blocks().changeChunkStatus(new Block(bad, 512), BlockStatus.BAD_SECTOR, domain);
                }
                map.currentPos(frontier + chunk);
                claim[0] = finishedBytes(map);
                if (step % 7 == 0) {
                    saver.forceSave(map);
                } else {
                    saver.maybeSave(map);
                }
            }
        }
    }

    /** Bytes the map claims as finished. */
    static long finishedBytes(Mapfile map) {
        long total = 0;
        for (StatusBlock sb : map.blocks()) {
            if (sb.status() == BlockStatus.FINISHED) {
                total += sb.size();
            }
        }
        return total;
    }

    private static void record(FileChannel written, long claim) throws IOException {
        ByteBuffer line = ByteBuffer.wrap((claim + "\n").getBytes(StandardCharsets.US_ASCII));
        while (line.hasRemaining()) {
            written.write(line);
        }
        written.force(true);
    }
}
