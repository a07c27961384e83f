package io.qrescue.bench.harness;

import io.qrescue.recovery.files.ByteRange;
import io.qrescue.recovery.files.E2fsTools;
import io.qrescue.recovery.files.Ext4FileExtractor;
import io.qrescue.recovery.files.Ext4ImpactAnalyzer;
import io.qrescue.recovery.files.FileCopyResult;
import io.qrescue.recovery.files.FileImpact;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Times the ext4 file-impact query and the copy-out on a generated filesystem: a seeded tree of files filled
 * to about 65 % by {@code mke2fs -d}, then {@code N} random damaged 4 KiB blocks in the used part of it.
 *
 * <p>Usage: {@code FileImpactTiming WORKDIR [SIZE_MIB=1024] [DAMAGED_BLOCKS=1000] [FILES=3000] [SEED=1]}
 */
public final class FileImpactTiming {

    private FileImpactTiming() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Files.createDirectories(Path.of(args[0]));
        int sizeMiB = args.length > 1 ? Integer.parseInt(args[1]) : 1024;
        int damagedBlocks = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        int fileCount = args.length > 3 ? Integer.parseInt(args[3]) : 3000;
        long seed = args.length > 4 ? Long.parseLong(args[4]) : 1;
        Random rnd = new Random(seed);
        Path tree = work.resolve("tree");
        Path image = work.resolve("volume.img");
        long dataBytes = (long) (sizeMiB * 0.65 * (1 << 20));
        if (!Files.exists(image)) {
            long t0 = System.nanoTime();
            long avg = dataBytes / fileCount;
            byte[] buf = new byte[(int) (2 * avg) + 1];
            for (int i = 0; i < fileCount; i++) {
                Path f = tree.resolve("dir " + (i % 40)).resolve("file " + i + ".bin");
                Files.createDirectories(f.getParent());
                rnd.nextBytes(buf);
                Files.write(f, java.util.Arrays.copyOf(buf, rnd.nextInt(buf.length)));
            }
            run(List.of("mke2fs", "-q", "-F", "-t", "ext4", "-b", "4096", "-d", tree.toString(), image.toString(),
                    sizeMiB + "M"));
            System.out.printf("built %d MiB ext4 with %d files in %.1f s%n", sizeMiB, fileCount,
                    (System.nanoTime() - t0) / 1e9);
        }
        long usedBlocks = dataBytes / 4096 + 8192;   // mke2fs -d fills from the start; skip nothing
        List<ByteRange> damage = new ArrayList<>();
        for (int i = 0; i < damagedBlocks; i++) {
            long block = 1 + (long) (rnd.nextDouble() * usedBlocks);
            damage.add(new ByteRange(block * 4096 + rnd.nextInt(8) * 512L, 512));
        }
        for (int run = 1; run <= 3; run++) {
            long t0 = System.nanoTime();
            FileImpact impact = new Ext4ImpactAnalyzer(new E2fsTools()).analyze(image, damage);
            System.out.printf("impact run %d: %d damaged sectors -> %d files, %d metadata entries in %.2f s%n", run,
                    damagedBlocks, impact.files().size(), impact.metadata().size(), (System.nanoTime() - t0) / 1e9);
        }
        Path out = work.resolve("out-" + System.nanoTime());
        long t0 = System.nanoTime();
        FileCopyResult r = new Ext4FileExtractor(new E2fsTools()).extract(image, out, null);
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("extract --files: %d files, %d MiB in %.1f s (%.0f MiB/s, rdump + sha256)%n", r.fileCount(),
                r.totalBytes() >> 20, s, (r.totalBytes() >> 20) / s);
    }

    private static void run(List<String> argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", argv) + " failed");
        }
    }
}
