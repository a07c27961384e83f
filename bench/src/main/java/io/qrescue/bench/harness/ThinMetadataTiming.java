package io.qrescue.bench.harness;

import io.qrescue.recovery.source.FileImageSource;
import io.qrescue.recovery.stack.thin.DataReverseMap;
import io.qrescue.recovery.stack.thin.ThinMetadata;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;

/**
 * Times reading a thin pool's metadata file (as written by thin_restore in bench/scripts/thin-metadata.sh):
 * {@link ThinMetadata#read}, the pool-data extent map of every device, and the reverse map, as CPU time of the
 * reading thread and wall time, over several rounds (the first ones include JIT warm-up).
 */
public final class ThinMetadataTiming {

    private ThinMetadataTiming() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            throw new IllegalArgumentException("usage: ThinMetadataTiming METADATA_FILE [ROUNDS]");
        }
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        System.out.println("round\tread_cpu_ms\tmaps_cpu_ms\treverse_cpu_ms\twall_ms\tlive_blocks\tmapped_blocks\textents\tfindings");
        for (int round = 1; round <= rounds; round++) {
            try (FileImageSource src = FileImageSource.open(Path.of(args[0]))) {
                long w0 = System.nanoTime();
                long c0 = mx.getCurrentThreadCpuTime();
                ThinMetadata md = ThinMetadata.read(src);
                long c1 = mx.getCurrentThreadCpuTime();
                long extents = 0;
                long mapped = 0;
                for (long dev : md.deviceRoots().keySet()) {
                    extents += md.poolDataMap(dev).extents().size();
                    mapped += md.runs(dev).mappedBlocks();
                }
                long c2 = mx.getCurrentThreadCpuTime();
                DataReverseMap.of(md).volumesAt(0, 1L << 40);
                long c3 = mx.getCurrentThreadCpuTime();
                long w3 = System.nanoTime();
                System.out.printf("%d\t%.0f\t%.0f\t%.0f\t%.0f\t%d\t%d\t%d\t%d%n", round, (c1 - c0) / 1e6, (c2 - c1) / 1e6,
                        (c3 - c2) / 1e6, (w3 - w0) / 1e6, md.liveBlocks().liveBlockCount(), mapped, extents,
                        md.findings().size());
            }
        }
    }
}
