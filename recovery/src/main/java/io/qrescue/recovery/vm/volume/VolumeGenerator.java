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
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Makes a QNAP-like test volume: the host writes the GPT and the payload, the appliance builds md, LVM, thin
 * volumes, ext4, files and a snapshot and records the real tools' view (oracle files); for the tier variant the
 * host then rewrites the pool's segment type. Images and oracle appear under their final names only when complete.
 */
public final class VolumeGenerator {
    static final String SCRIPT = "/io/qrescue/recovery/vm/volume/make-volume.sh";
    private static final Pattern DATA_OFFSET = Pattern.compile("Data Offset : (\\d+) sectors");

    /** What to make: the variant, the first member's path, each member's size, the payload seed. */
    public record Request(VolumeVariant variant, Path image, long sizeBytes, long seed) {
        public Request {
            if (sizeBytes < (64L << 20)) {
                throw new IllegalArgumentException("volume size below 64 MiB: " + sizeBytes);
            }
        }
    }

    /** The made volume: member images in md slot order, the oracle directory, the job's timings. */
    public record Volume(List<Path> members, Path oracleDir, JobResult job,
                         Optional<TierSegmentRewriter.Rewrite> tierRewrite) {
    }

    private final JobRunner runner;
    private final Appliance appliance;
    private final Accelerator accelerator;

    public VolumeGenerator(JobRunner runner, Appliance appliance, Accelerator accelerator) {
        this.runner = runner;
        this.appliance = appliance;
        this.accelerator = accelerator;
    }

    /**
     * The member image paths of a request: IMAGE, then IMAGE with "-b", "-c" ... before ".img" for the further
     * members.
     */
    public static List<Path> memberPaths(Request request) {
        List<Path> paths = new ArrayList<>(List.of(request.image()));
        String name = request.image().getFileName().toString();
        for (int i = 1; i < request.variant().memberImages(); i++) {
            String suffix = "-" + (char) ('a' + i);
            String member = name.endsWith(".img") ? name.substring(0, name.length() - 4) + suffix + ".img"
                    : name + suffix;
            paths.add(request.image().resolveSibling(member));
        }
        return paths;
    }

    /** The oracle directory of a request: IMAGE + ".oracle". */
    public static Path oracleDir(Request request) {
        return request.image().resolveSibling(request.image().getFileName() + ".oracle");
    }

    /** Makes the volume; {@code workDir} keeps the VM's console log and disks. */
    public Volume make(Request request, Path workDir) throws IOException, InterruptedException {
        VolumeVariant variant = request.variant();
        long size = request.sizeBytes() / 512 * 512;
        GptLayout gpt = new GptLayout(size, request.seed());
        List<Path> finals = memberPaths(request);
        List<Path> partials = new ArrayList<>();
        List<VmDisk> disks = new ArrayList<>();
        for (int i = 0; i < finals.size(); i++) {
            Path partial = finals.get(i).resolveSibling("." + finals.get(i).getFileName() + ".partial");
            writeGpt(partial, size, gpt);
            partials.add(partial);
            disks.add(new VmDisk("VOL" + (char) ('A' + i), partial, DiskAccess.WRITABLE));
        }
        Map<String, byte[]> payload = PayloadFiles.forSeed(request.seed());
        Map<String, byte[]> inputs = new TreeMap<>();
        payload.forEach((path, content) -> inputs.put("payload/" + path, content));
        inputs.put("after-snapshot.txt", PayloadFiles.afterSnapshot());
        String sizes = "POOL_MIB=32 LV1_MIB=64 LV2_MIB=32";
        if (variant.encrypted()) {
            inputs.put("luks/volumes", EncryptedTestVolumes.table().getBytes(StandardCharsets.UTF_8));
            for (EncryptedTestVolumes.Spec spec : EncryptedTestVolumes.SPECS) {
                inputs.put("luks/" + spec.lv() + ".key", spec.keyFile());
            }
            sizes = "POOL_MIB=48 LV1_MIB=" + EncryptedTestVolumes.SPECS.get(0).sizeMiB() + " LV2_MIB="
                    + EncryptedTestVolumes.SPECS.get(1).sizeMiB() + " LUKS=1";
        }
        String header = "MD_METADATA=" + variant.mdMetadata() + " MD_LEVEL=" + variant.mdLevel()
                + " MEMBERS=" + variant.memberImages() + " " + sizes + "\n";
        Job job = new Job(header + resource(SCRIPT), inputs);
        JobOptions options = JobOptions.defaults(accelerator, disks, Duration.ofMinutes(10));
        try {
            JobResult result = runner.run(appliance, job, options, workDir);
            if (result.exitStatus() != 0) {
                throw new VmException("make-volume failed inside the appliance (exit " + result.exitStatus()
                        + "): " + lastLines(result.log(), 6) + " (console: " + result.consoleLog() + ")");
            }
            Path oracle = oracleDir(request);
            Path partialOracle = oracle.resolveSibling("." + oracle.getFileName() + ".partial");
            FileTrees.deleteTree(partialOracle);
            Files.createDirectories(partialOracle);
            copyTree(result.resultsDir().resolve("oracle"), partialOracle);
            Map<String, byte[]> expected = expectedFiles(payload, variant);
            Files.writeString(partialOracle.resolve("files.sha256"), PayloadFiles.sha256List(expected));
            checkGuestSums(partialOracle, payload, variant);
            Optional<TierSegmentRewriter.Rewrite> rewrite = Optional.empty();
            if (variant.tierSegmentType()) {
                long dataOffsetSectors = dataOffsetSectors(partialOracle.resolve("mdadm-examine-member-a.txt"));
                long pvOffset = gpt.partition(3).offsetBytes() + dataOffsetSectors * 512;
                TierSegmentRewriter.Rewrite r = TierSegmentRewriter.rewrite(partials.get(0), pvOffset);
                Files.writeString(partialOracle.resolve("tier-rewrite.txt"), describe(r, pvOffset));
                rewrite = Optional.of(r);
            }
            for (int i = 0; i < finals.size(); i++) {
                Files.move(partials.get(i), finals.get(i), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            }
            FileTrees.deleteTree(oracle);
            Files.move(partialOracle, oracle, StandardCopyOption.ATOMIC_MOVE);
            return new Volume(finals, oracle, result, rewrite);
        } finally {
            for (Path partial : partials) {
                Files.deleteIfExists(partial);
            }
        }
    }

    /**
     * The files a reader must find, as &lt;vg&gt;/&lt;lv&gt;/path: lv1 with the file written after the snapshot,
     * lv2, and snap10001 (lv1 as it was when the snapshot was taken).
     */
    public static Map<String, byte[]> expectedFiles(Map<String, byte[]> payload) {
        return expectedFiles(payload, VolumeVariant.MD10_SINGLE);
    }

    /** {@link #expectedFiles(Map)} for {@code variant}: the encrypted one also has lv3 and lv4 with lv2's files. */
    public static Map<String, byte[]> expectedFiles(Map<String, byte[]> payload, VolumeVariant variant) {
        Map<String, byte[]> files = new TreeMap<>();
        payload.forEach((path, content) -> {
            files.put("vg1/" + path, content);
            if (path.startsWith("lv1/")) {
                files.put("vg1/snap10001/" + path.substring(4), content);
            }
            if (variant.encrypted() && path.startsWith("lv2/")) {
                files.put("vg1/lv3/" + path.substring(4), content);
                files.put("vg1/lv4/" + path.substring(4), content);
            }
        });
        files.put("vg1/" + PayloadFiles.AFTER_SNAPSHOT, PayloadFiles.afterSnapshot());
        return files;
    }

    private static void checkGuestSums(Path oracle, Map<String, byte[]> payload, VolumeVariant variant)
            throws IOException {
        for (String lv : variant.encrypted() ? List.of("lv1", "lv2", "lv3", "lv4") : List.of("lv1", "lv2")) {
            String source = lv.equals("lv1") ? "lv1" : "lv2";
            Map<String, byte[]> files = new TreeMap<>();
            payload.forEach((path, content) -> {
                if (path.startsWith(source + "/")) {
                    files.put("./" + path.substring(source.length() + 1), content);
                }
            });
            if (lv.equals("lv1")) {
                files.put("./after-snapshot.txt", PayloadFiles.afterSnapshot());
            }
            String guest = Files.readString(oracle.resolve("guest-" + lv + ".sha256"));
            String host = PayloadFiles.sha256List(files);
            if (!guest.equals(host)) {
                throw new VmException("files in " + lv + " differ from the payload: guest listed\n" + guest
                        + "host expected\n" + host);
            }
        }
    }

    static long dataOffsetSectors(Path examine) throws IOException {
        Matcher m = DATA_OFFSET.matcher(Files.readString(examine));
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    private static String describe(TierSegmentRewriter.Rewrite r, long pvOffset) {
        return "The VG metadata text was rewritten on the host after creation: type = \"thin-pool\" -> "
                + "type = \"tier-thin-pool\" (QNAP's segment type).\n"
                + "PV starts at image byte " + pvOffset + "; mda header at byte " + r.mdaHeaderOffsetBytes()
                + "; text at byte " + r.textOffsetBytes() + "\n"
                + "text size " + r.oldSizeBytes() + " -> " + r.newSizeBytes() + " bytes (with its NUL); "
                + String.format("text checksum 0x%08x -> 0x%08x; mda header checksum recomputed.%n",
                r.oldTextChecksum(), r.newTextChecksum())
                + "All other oracle files show the volume before the rewrite (stock lvm refuses it after).\n";
    }

    private static void writeGpt(Path file, long size, GptLayout gpt) throws IOException {
        Files.deleteIfExists(file);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(size);
            raf.seek(0);
            raf.write(gpt.primary());
            raf.seek(gpt.backupOffsetBytes());
            raf.write(gpt.backup());
        }
    }

    static String resource(String name) {
        try (InputStream in = VolumeGenerator.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(name + ": " + e.getMessage(), e);
        }
    }

    private static String lastLines(String text, int count) {
        List<String> lines = text.lines().toList();
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - count), lines.size()));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            throw new VmException("the appliance left no oracle files in " + from);
        }
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
