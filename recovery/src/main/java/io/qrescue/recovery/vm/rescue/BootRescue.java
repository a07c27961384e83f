package io.qrescue.recovery.vm.rescue;

import io.qrescue.recovery.vm.VmException;
import io.qrescue.recovery.vm.appliance.Appliance;
import io.qrescue.recovery.vm.job.HostTar;
import io.qrescue.recovery.vm.job.Job;
import io.qrescue.recovery.vm.job.JobOptions;
import io.qrescue.recovery.vm.job.JobResult;
import io.qrescue.recovery.vm.job.JobRunner;
import io.qrescue.recovery.vm.qemu.ImageChecksums;
import io.qrescue.recovery.vm.qemu.VmDisk;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Copies every file of the md/LVM stack on the given images into an output directory with the built-in
 * appliance: images attached so the guest cannot change them, files unpacked into OUT/&lt;vg&gt;/&lt;lv&gt;/...,
 * checked against the sha256 the guest computed, and listed in OUT/MANIFEST.sha256.
 */
public final class BootRescue {
    /** The job is job-start.sh, then boot-rescue.sh (the stack) or served-volumes.sh, then mount-copy.sh. */
    static final String START_SCRIPT = "/io/qrescue/recovery/vm/rescue/job-start.sh";
    static final String STACK_SCRIPT = "/io/qrescue/recovery/vm/rescue/boot-rescue.sh";
    static final String SERVED_SCRIPT = "/io/qrescue/recovery/vm/rescue/served-volumes.sh";
    static final String COPY_SCRIPT = "/io/qrescue/recovery/vm/rescue/mount-copy.sh";
    /** The manifest written into the output directory: "SHA256  vg/lv/path" lines in path order. */
    public static final String MANIFEST = "MANIFEST.sha256";
    /** Written into the output directory when some files could not be read: "vg/lv/path" lines. */
    public static final String UNREADABLE = "UNREADABLE.txt";
    /** A VG or LV name as lvm2 allows it (and as it can travel through the job's word-split lists). */
    static final String NAME = "[A-Za-z0-9+_.-]+";
    /** A volume named VG/LV. */
    public static final String VOLUME_NAME = NAME + "/" + NAME;
    static final String WORK = ".qrescue-work";
    private static final Pattern VG_START = Pattern.compile("([A-Za-z0-9+_.-]+)\\s*\\{");
    /** Below this much free space a failed write on the output side is reported as a full output directory. */
    static final long FULL_BELOW_BYTES = 4L << 20;

    /**
     * The result: the stack report, the files and bytes unpacked, the files the guest could not read ("vg/lv/path",
     * not copied), the job (timings, console log).
     */
    public record Outcome(StackReport report, int fileCount, long byteCount, Path manifest, List<String> unreadable,
                          JobResult job) {
        public Outcome {
            unreadable = List.copyOf(unreadable);
        }
    }

    /** A volume ("vg/lv") of {@code sizeBytes} that an NBD server of the host exports on the Unix socket. */
    public record ServedVolume(String name, long sizeBytes, Path socket) {
        public ServedVolume {
            if (name == null || !name.matches(VOLUME_NAME)) {
                throw new IllegalArgumentException("a served volume is named VG/LV: " + name);
            }
        }

        String vgName() {
            return name.substring(0, name.indexOf('/'));
        }

        String lvName() {
            return name.substring(name.indexOf('/') + 1);
        }
    }

    private final JobRunner runner;
    private final Appliance appliance;

    public BootRescue(JobRunner runner, Appliance appliance) {
        this.runner = runner;
        this.appliance = appliance;
    }

    /** The images as the guest sees them: IMG1, IMG2, ... in order, each behind a throw-away overlay. */
    public static List<VmDisk> imageDisks(List<Path> images) {
        List<VmDisk> disks = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            disks.add(VmDisk.protectedImage("IMG" + (i + 1), images.get(i)));
        }
        return disks;
    }

    /** Runs the rescue; {@code outDir} must be absent or empty. */
    public Outcome run(List<Path> images, Path outDir, BootOptions options) throws IOException, InterruptedException {
        return run(images, outDir, options, Map.of());
    }

    /**
     * Runs the rescue after restoring, for each VG named in {@code metadataByVg}, that LVM metadata text (stock
     * lvm2 form, e.g. rewritten from QNAP's tier-thin-pool) with {@code vgcfgrestore --force}; the write goes to
     * qemu's throw-away overlay, never to an image.
     */
    public Outcome run(List<Path> images, Path outDir, BootOptions options, Map<String, String> metadataByVg)
            throws IOException, InterruptedException {
        Map<String, byte[]> inputs = restoreInputs(metadataByVg);
        long imageBytes = totalBytes(images);
        return run(imageDisks(images), imageBytes, resource(STACK_SCRIPT), inputs, outDir, options);
    }

    /** The job inputs restore/VG.vg that boot-rescue.sh restores with vgcfgrestore, one per VG. */
    static Map<String, byte[]> restoreInputs(Map<String, String> metadataByVg) throws VmException {
        Map<String, byte[]> inputs = new TreeMap<>();
        for (var e : metadataByVg.entrySet()) {
            if (!e.getKey().matches(NAME)) {
                throw new VmException("not a volume group name: '" + e.getKey() + "'");
            }
            inputs.put("restore/" + e.getKey() + ".vg", e.getValue().getBytes(StandardCharsets.UTF_8));
        }
        return inputs;
    }

    /** The images' total size; each must be a regular file, and there must be one. */
    static long totalBytes(List<Path> images) throws IOException {
        if (images.isEmpty()) {
            throw new VmException("no image given");
        }
        long imageBytes = 0;
        for (Path image : images) {
            if (!Files.isRegularFile(image)) {
                throw new VmException(image + ": no such image file");
            }
            imageBytes += Files.size(image);
        }
        return imageBytes;
    }

    /**
     * Copies the files of volumes the host serves itself over NBD (md, LVM and the thin pool read in Java, so a
     * stock kernel only has to mount the filesystem); a file on a sector the server answers with EIO is listed in
     * {@link Outcome#unreadable()} and OUT/{@value #UNREADABLE}, not copied.
     */
    public Outcome runServed(List<ServedVolume> volumes, Path outDir, BootOptions options)
            throws IOException, InterruptedException {
        if (volumes.isEmpty()) {
            throw new VmException("no volume given");
        }
        List<VmDisk> disks = new ArrayList<>();
        StringBuilder list = new StringBuilder();
        long bytes = 0;
        for (int i = 0; i < volumes.size(); i++) {
            ServedVolume v = volumes.get(i);
            String serial = "VOL" + (i + 1);
            disks.add(VmDisk.nbdExport(serial, v.socket()));
            list.append(serial).append(' ').append(v.vgName()).append(' ').append(v.lvName()).append('\n');
            bytes += v.sizeBytes();
        }
        return run(disks, bytes, resource(SERVED_SCRIPT), Map.of("volumes.txt",
                list.toString().getBytes(StandardCharsets.UTF_8)), outDir, options);
    }

    private Outcome run(List<VmDisk> disks, long dataBytes, String firstPart, Map<String, byte[]> inputs, Path outDir,
            BootOptions options) throws IOException, InterruptedException {
        if (Files.exists(outDir) && (!Files.isDirectory(outDir) || !isEmpty(outDir))) {
            throw new VmException(outDir + ": output directory exists and is not empty");
        }
        Files.createDirectories(outDir);
        Path work = outDir.resolve(WORK);
        String script = "STEP_SECONDS=" + options.stepTimeout().toSeconds() + "\n" + resource(START_SCRIPT)
                + firstPart + resource(COPY_SCRIPT);
        JobOptions jobOptions = new JobOptions(options.accelerator(), options.memoryMiB(), disks,
                options.bootTimeout(), options.jobTimeout(), 16L << 20, 2 * dataBytes + (256L << 20), "");
        boolean done = false;
        try {
            JobResult job;
            try {
                job = runner.run(appliance, new Job(script, inputs), jobOptions, work);
            } catch (VmException e) {
                throw whenFull(outDir, e);
            }
            if (job.exitStatus() != 0) {
                throw new VmException("the rescue job ended with exit " + job.exitStatus() + " (console: "
                        + job.consoleLog() + ")");
            }
            StackReport report = StackReport.parse(job.result("report").map(BootRescue::read).orElse(""));
            // a failed copy is a problem of the output side (full or failing disk), never of the images
            for (StackReport.Step step : report.steps()) {
                if (step.kind().equals("copy") && !step.ok()) {
                    throw whenFull(outDir, new VmException("copying the files out failed (" + step.message()
                            + ")"));
                }
            }
            List<String> unreadable = job.result("unreadable").map(BootRescue::read).orElse("").lines()
                    .filter(l -> !l.isEmpty()).toList();
            int files = 0;
            long bytes = 0;
            Path manifest = outDir.resolve(MANIFEST);
            if (report.copied()) {
                Path incoming = work.resolve("incoming");
                Files.createDirectories(incoming);
                try {
                    HostTar.extract(job.outputDisk().orElseThrow(), incoming, options.jobTimeout());
                } catch (VmException e) {
                    throw whenFull(outDir, e);
                }
                removePlaceholders(incoming, unreadable);
                Map<String, String> guestSums = guestSums(job.result("guest.sha256").map(BootRescue::read).orElse(""));
                Map<String, String> hostSums = sums(incoming);
                if (!hostSums.equals(guestSums)) {
                    throw new VmException("files unpacked on the host differ from what the appliance read: "
                            + difference(guestSums, hostSums));
                }
                StringBuilder lines = new StringBuilder();
                hostSums.forEach((path, sum) -> lines.append(sum).append("  ").append(path).append('\n'));
                files = hostSums.size();
                bytes = sizeOf(incoming);
                try (Stream<Path> top = Files.list(incoming)) {
                    for (Path p : top.toList()) {
                        Files.move(p, outDir.resolve(p.getFileName().toString()), StandardCopyOption.ATOMIC_MOVE);
                    }
                }
                writeAtomically(manifest, lines.toString());
                if (!unreadable.isEmpty()) {
                    writeAtomically(outDir.resolve(UNREADABLE), String.join("\n", unreadable) + "\n");
                }
            }
            done = true;
            return new Outcome(report, files, bytes, manifest, unreadable, job);
        } finally {
            cleanWork(work, done);
        }
    }

    /**
     * The guest put an empty file in the tar for each file it could not read (a bind mount over it); they are not
     * the files, so they go, and anything else in their place means the listing and the tar disagree.
     */
    private static void removePlaceholders(Path incoming, List<String> unreadable) throws IOException {
        for (String path : unreadable) {
            Path placeholder = incoming.resolve(path).normalize();
            if (!placeholder.startsWith(incoming) || (Files.exists(placeholder) && Files.size(placeholder) != 0)) {
                throw new VmException("the appliance listed '" + path + "' as unreadable, yet copied it");
            }
            Files.deleteIfExists(placeholder);
        }
    }

    private static void writeAtomically(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Says "output directory full" when the output's filesystem has (almost) no room left, else {@code e}. */
    static VmException whenFull(Path outDir, VmException e) throws IOException {
        long free = Files.getFileStore(outDir).getUsableSpace();
        if (free >= FULL_BELOW_BYTES) {
            return e;
        }
        return new VmException("output directory full: " + outDir + " has " + free + " bytes free (" + e.getMessage()
                + ")", e);
    }

    /** Keeps the console log for diagnosis in OUT/.qrescue-work/console.log; drops the disks and partial files. */
    private static void cleanWork(Path work, boolean done) throws IOException {
        if (!Files.exists(work)) {
            return;
        }
        Path keep = work.resolve("console.log");
        try (Stream<Path> all = Files.walk(work)) {
            for (Path p : all.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                if (!p.equals(work) && !p.equals(keep)) {
                    Files.deleteIfExists(p);
                }
            }
        }
        if (done) {
            Files.deleteIfExists(keep);
            Files.deleteIfExists(work);
        }
    }

    /** The VG a metadata text describes: the name before the first top-level "{" (comments skipped). */
    public static Optional<String> vgNameOf(String metadataText) {
        for (String line : metadataText.split("\n")) {
            String t = line.trim();
            if (t.isEmpty() || t.startsWith("#") || t.contains("=")) {
                continue;
            }
            Matcher m = VG_START.matcher(t);
            return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
        }
        return Optional.empty();
    }

    static Map<String, String> guestSums(String text) {
        Map<String, String> sums = new TreeMap<>();
        for (String line : text.split("\n")) {
            if (line.length() > 66 && line.charAt(64) == ' ') {
                String path = line.substring(66);
                sums.put(path.startsWith("./") ? path.substring(2) : path, line.substring(0, 64));
            }
        }
        return sums;
    }

    private static Map<String, String> sums(Path dir) throws IOException {
        Map<String, String> sums = new TreeMap<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                sums.put(dir.relativize(p).toString(), ImageChecksums.sha256(p));
            }
        }
        return sums;
    }

    private static long sizeOf(Path dir) throws IOException {
        long total = 0;
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                total += Files.size(p);
            }
        }
        return total;
    }

    private static String difference(Map<String, String> guest, Map<String, String> host) {
        List<String> diffs = new ArrayList<>();
        for (String path : guest.keySet()) {
            if (!guest.get(path).equals(host.get(path))) {
                diffs.add(path);
            }
        }
        for (String path : host.keySet()) {
            if (!guest.containsKey(path)) {
                diffs.add(path + " (not read by the appliance)");
            }
        }
        return String.join(", ", diffs.subList(0, Math.min(5, diffs.size())));
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }

    static String resource(String name) {
        try (InputStream in = BootRescue.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(name + ": " + e.getMessage(), e);
        }
    }
}
