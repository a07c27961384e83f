package io.qrescue.bench.jmh;

import io.qrescue.recovery.stack.md.Raid6;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The RAID6 syndrome (P and Q of a stripe row, as md computes them) over {@code dataDisks} data chunks of
 * {@code chunkBytes} each, on one thread: data bytes per second = dataDisks × chunkBytes ÷ the time per operation.
 * Also P alone (RAID5 XOR) for comparison.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class Raid6Benchmark {

    @Param({"4", "8"})
    int dataDisks;

    @Param("65536")
    int chunkBytes;

    private byte[][] data;
    private byte[] p;
    private byte[] q;

    @Setup
    public void fill() {
        SplittableRandom random = new SplittableRandom(6);
        data = new byte[dataDisks][chunkBytes];
        for (byte[] d : data) {
            for (int i = 0; i < d.length; i++) {
                d[i] = (byte) random.nextInt(256);
            }
        }
        p = new byte[chunkBytes];
        q = new byte[chunkBytes];
    }

    /** P and Q of one stripe row. */
    @Benchmark
    public byte[] syndrome() {
        Raid6.syndrome(data, 0, chunkBytes, p, q);
        return q;
    }

    /** P of one stripe row (what RAID5 computes), for comparison. */
    @Benchmark
    public byte[] parity() {
        System.arraycopy(data[0], 0, p, 0, chunkBytes);
        for (int d = 1; d < dataDisks; d++) {
            Raid6.xor(data[d], 0, p, 0, chunkBytes);
        }
        return p;
    }
}
