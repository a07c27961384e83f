package io.qrescue.bench.jmh;

import io.qrescue.bench.MapfileGenerator;
import io.qrescue.mapfile.Block;
import io.qrescue.mapfile.BlockMap;
import io.qrescue.mapfile.BlockStatus;
import io.qrescue.mapfile.Domain;
import io.qrescue.mapfile.Mapfile;
import io.qrescue.mapfile.MapfileException;
import io.qrescue.mapfile.MapfileReader;
import io.qrescue.mapfile.MapfileWriter;
import io.qrescue.mapfile.StatusBlock;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The mapfile work of a rescue on a 1,000,000-block map ({@link MapfileGenerator}, about 30 MB of text):
 * reading it at start, writing it at each save, status changes during the run, and all three in a row.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public class MapfileBenchmark {

    static final int CHANGES = 100_000;
    private static final long CHANGE_SEED = 42;
    private static final BlockStatus[] STATUSES = BlockStatus.values();

    @Param("1000000")
    int blocks;

    private Mapfile map;
    private byte[] text;
    private long[] unfinishedStarts; // where a rescue works: the starts of the blocks not yet finished
    private Domain domain;

    @Setup(Level.Trial)
    public void generate() {
        map = MapfileGenerator.generate(blocks, MapfileGenerator.DEFAULT_SEED);
        text = MapfileWriter.toText(map, MapfileGenerator.HEADER).getBytes(StandardCharsets.ISO_8859_1);
        unfinishedStarts = map.blocks().toList().stream()
                .filter(sb -> sb.status() != BlockStatus.FINISHED).mapToLong(StatusBlock::pos).toArray();
        domain = Domain.of(0, MapfileGenerator.DEVICE_SIZE);
    }

    /** A fresh copy of the map for each call of the status-change benchmark, made outside the timing. */
    @State(Scope.Thread)
    public static class WorkingCopy {
        BlockMap blocks;

        @Setup(Level.Invocation)
        public void copy(MapfileBenchmark bench) {
            blocks = bench.map.blocks().copy();
        }
    }

    @Benchmark
    public Mapfile parse() throws MapfileException {
        return MapfileReader.parse(text, "bench.map", null);
    }

    @Benchmark
    public String write() {
        return MapfileWriter.toText(map, MapfileGenerator.HEADER);
    }

    @Benchmark
    public BlockMap changeChunkStatus100k(WorkingCopy copy) {
        changeStatuses(copy.blocks, CHANGES);
        return copy.blocks;
    }

    /** Read the mapfile, do a run's worth of status changes, render it for saving. */
    @Benchmark
    public byte[] roundTrip() throws MapfileException {
        Mapfile loaded = MapfileReader.parse(text, "bench.map", null);
        changeStatuses(loaded.blocks(), CHANGES);
        return MapfileWriter.toText(loaded, MapfileGenerator.HEADER).getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * Changes up to 64 KiB at the start of a random unfinished block (or of what that block has become) to
     * another status, the way trimming, scraping and retrying pick their chunks.
     */
    private void changeStatuses(BlockMap blocks, int count) {
        Random random = new Random(CHANGE_SEED);
        for (int i = 0; i < count; i++) {
            long pos = unfinishedStarts[random.nextInt(unfinishedStarts.length)];
            StatusBlock current = blocks.blockContaining(pos);
            long size = Math.min(current.end() - pos, 512L * (1 + random.nextInt(128)));
            BlockStatus status = STATUSES[random.nextInt(STATUSES.length)];
            blocks.changeChunkStatus(new Block(pos, size), status, domain);
        }
    }
}
