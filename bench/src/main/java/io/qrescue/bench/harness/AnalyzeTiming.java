package io.qrescue.bench.harness;

import io.qrescue.recovery.analysis.StackAnalysis;
import io.qrescue.recovery.source.FileImageSource;
import io.qrescue.recovery.stack.NamedImage;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Times {@code qrescue analyze}'s engine on one image, repeated inside one JVM (the first run pays class loading and
 * JIT, later runs show the steady state). Usage: {@code AnalyzeTiming IMAGE RUNS}. Prints one line per run and a
 * summary line with wall time and the thread's CPU time (on a shared machine the CPU time is the work done; the wall
 * time adds waiting for a core). The engine result is used (volumes found) so the work cannot be skipped.
 */
public final class AnalyzeTiming {

    private AnalyzeTiming() {
    }

    public static void main(String[] args) throws Exception {
        Path image = Path.of(args[0]);
        int runs = Integer.parseInt(args[1]);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] ms = new double[runs];
        double[] cpu = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            long c0 = threads.getCurrentThreadCpuTime();
            long mapped = 0;
            int volumes;
            try (FileImageSource src = FileImageSource.open(image)) {
                StackAnalysis a = StackAnalysis.analyze(List.of(new NamedImage(image.getFileName().toString(), src)));
                volumes = a.volumes().size();
                for (var v : a.volumes()) {
                    mapped += v.mappedBytes();
                }
            }
            ms[i] = (System.nanoTime() - t0) / 1e6;
            cpu[i] = (threads.getCurrentThreadCpuTime() - c0) / 1e6;
            System.out.printf(Locale.ROOT, "run %d: %.1f ms wall, %.1f ms CPU, %d volumes, %d bytes mapped%n", i + 1, ms[i],
                    cpu[i], volumes, mapped);
        }
        double[] later = Arrays.copyOfRange(ms, Math.min(1, runs - 1), runs);
        double[] laterCpu = Arrays.copyOfRange(cpu, Math.min(1, runs - 1), runs);
        Arrays.sort(later);
        Arrays.sort(laterCpu);
        System.out.printf(Locale.ROOT, "first run %.1f ms wall, %.1f ms CPU; runs 2..%d: wall median %.1f ms (min %.1f),"
                + " CPU median %.1f ms (min %.1f)%n", ms[0], cpu[0], runs, later[later.length / 2], later[0],
                laterCpu[laterCpu.length / 2], laterCpu[0]);
    }
}
