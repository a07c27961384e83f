package io.qrescue.recovery.vm.volume;

import io.qrescue.recovery.files.FileTrees;
import io.qrescue.recovery.vm.VmException;
import io.qrescue.recovery.vm.appliance.Appliance;
import io.qrescue.recovery.vm.job.Job;
import io.qrescue.recovery.vm.job.JobOptions;
import io.qrescue.recovery.vm.job.JobResult;
import io.qrescue.recovery.vm.job.JobRunner;
import io.qrescue.recovery.vm.qemu.Accelerator;
import io.qrescue.recovery.vm.qemu.DiskAccess;
import io.qrescue.recovery.vm.qemu.VmDisk;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Makes a small md test array ({@link ArrayVariant}) in the appliance: the real mdadm creates the array on blank
 * whole-disk members, LVM puts vg1 on it, the guest writes the volumes' known content (and, with a stale member,
 * fails and removes it before writing part of lv1 again), then records the kernel's sha256 and size of every
 * volume and what mdadm and lvm say. The host checks the kernel's digests against the content it sent. Members and
 * oracle appear under their final names only when complete.
 */
public final class ArrayGenerator {
    static final String SCRIPT = "/io/qrescue/recovery/vm/volume/make-array.sh";

    /** The made array: member images in role order, the oracle directory, the job's timings. */
    public record Array(List<Path> members, Path oracleDir, JobResult job) {
    }

    private final JobRunner runner;
    private final Appliance appliance;
    private final Accelerator accelerator;

    public ArrayGenerator(JobRunner runner, Appliance appliance, Accelerator accelerator) {
        this.runner = runner;
        this.appliance = appliance;
        this.accelerator = accelerator;
    }

    /** Member paths: IMAGE for the first, IMAGE with "-b", "-c" ... before ".img" for the others. */
    public static List<Path> memberPaths(Path image, int members) {
        List<Path> paths = new ArrayList<>(List.of(image));
        String name = image.getFileName().toString();
        for (int i = 1; i < members; i++) {
            String suffix = "-" + (char) ('a' + i);
            String member = name.endsWith(".img") ? name.substring(0, name.length() - 4) + suffix + ".img"
                    : name + suffix;
            paths.add(image.resolveSibling(member));
        }
        return paths;
    }

    /** The content the kernel must show for each volume ("lv1", "lv2") of {@code variant} made with {@code seed}. */
    public static Map<String, byte[]> expectedVolumes(ArrayVariant variant, long seed) {
        return Map.of("lv1", ArrayPayload.finalLv1(seed, variant.staleRole() >= 0),
                "lv2", ArrayPayload.of("lv2", seed, ArrayVariant.LV2_KIB << 10));
    }

    /** Makes {@code variant} at {@code image} (and its siblings); {@code workDir} keeps the console log and disks. */
    public Array make(ArrayVariant variant, Path image, long seed, Path workDir) throws IOException,
            InterruptedException {
        List<Path> finals = memberPaths(image, variant.members());
        List<Path> partials = new ArrayList<>();
        List<VmDisk> disks = new ArrayList<>();
        for (int i = 0; i < finals.size(); i++) {
            Path partial = finals.get(i).resolveSibling("." + finals.get(i).getFileName() + ".partial");
            Files.deleteIfExists(partial);
            try (RandomAccessFile f = new RandomAccessFile(partial.toFile(), "rw")) {
                f.setLength((long) variant.memberMiB()[i] << 20);
            }
            partials.add(partial);
            disks.add(new VmDisk("VOL" + (char) ('A' + i), partial, DiskAccess.WRITABLE));
        }
        String header = "LEVEL=" + variant.level() + " LAYOUT=" + (variant.layout() == null ? "" : variant.layout())
                + " CHUNK_KIB=" + variant.chunkKiB() + " METADATA=" + variant.metadata() + " MEMBERS="
                + variant.members() + " STALE=" + variant.staleRole() + " BITMAP=" + (variant.bitmap() ? 1 : 0)
                + " LV1_KIB=" + ArrayVariant.LV1_KIB + " LV2_KIB=" + ArrayVariant.LV2_KIB + " EXTENT_KIB="
                + ArrayVariant.EXTENT_KIB + " REWRITE_OFFSET_KIB=" + (ArrayVariant.STALE_REWRITE_OFFSET >> 10) + "\n";
        Map<String, byte[]> inputs = Map.of("lv1.bin", ArrayPayload.of("lv1", seed, ArrayVariant.LV1_KIB << 10),
                "lv2.bin", ArrayPayload.of("lv2", seed, ArrayVariant.LV2_KIB << 10),
                "rewrite.bin", ArrayPayload.rewrite(seed));
        Job job = new Job(header + VolumeGenerator.resource(SCRIPT), inputs);
        JobOptions options = JobOptions.defaults(accelerator, disks, Duration.ofMinutes(10));
        Path oracle = image.resolveSibling(image.getFileName() + ".oracle");
        Path partialOracle = oracle.resolveSibling("." + oracle.getFileName() + ".partial");
        try {
            JobResult result = runner.run(appliance, job, options, workDir);
            if (result.exitStatus() != 0) {
                throw new VmException("make-volume " + variant.variantName() + " failed inside the appliance (exit "
                        + result.exitStatus() + "): " + tail(result.log()) + " (console: " + result.consoleLog() + ")");
            }
            FileTrees.deleteTree(partialOracle);
            Files.createDirectories(partialOracle);
            copyTree(result.resultsDir().resolve("oracle"), partialOracle);
            for (Map.Entry<String, byte[]> e : expectedVolumes(variant, seed).entrySet()) {
                String kernel = Files.readString(partialOracle.resolve("kernel-" + e.getKey() + ".txt")).trim();
                String host = PayloadFiles.sha256(e.getValue()) + " " + e.getValue().length;
                if (!kernel.equals(host)) {
                    throw new VmException(e.getKey() + ": the kernel reads \"" + kernel + "\", the host wrote \"" + host
                            + "\"");
                }
            }
            for (int i = 0; i < finals.size(); i++) {
                Files.move(partials.get(i), finals.get(i), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            }
            FileTrees.deleteTree(oracle);
            Files.move(partialOracle, oracle, StandardCopyOption.ATOMIC_MOVE);
            return new Array(finals, oracle, result);
        } finally {
            for (Path partial : partials) {
                Files.deleteIfExists(partial);
            }
            FileTrees.deleteTree(partialOracle);
        }
    }

    private static String tail(String log) {
        List<String> lines = log.lines().toList();
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - 6), lines.size()));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            throw new VmException("the appliance left no oracle files in " + from);
        }
        try (Stream<Path> files = Files.list(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Files.copy(p, to.resolve(p.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
