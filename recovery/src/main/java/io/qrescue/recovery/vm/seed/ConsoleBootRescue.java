package io.qrescue.recovery.vm.seed;

import io.qrescue.recovery.files.FileTrees;
import io.qrescue.recovery.vm.VmException;
import io.qrescue.recovery.vm.console.ConsoleException;
import io.qrescue.recovery.vm.console.ConsoleLogin;
import io.qrescue.recovery.vm.console.ConsoleRecorder;
import io.qrescue.recovery.vm.console.SerialConsole;
import io.qrescue.recovery.vm.job.HostTar;
import io.qrescue.recovery.vm.lvmfix.StockForms;
import io.qrescue.recovery.vm.lvmfix.StockRewrite;
import io.qrescue.recovery.vm.qemu.DiskAccess;
import io.qrescue.recovery.vm.qemu.ImageChecksums;
import io.qrescue.recovery.vm.qemu.QemuLauncher;
import io.qrescue.recovery.vm.qemu.RunningVm;
import io.qrescue.recovery.vm.qemu.VmDisk;
import io.qrescue.recovery.vm.qemu.VmSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * {@code qrescue boot --kernel K --initrd I IMAGE...}: boots the user's (QNAP) kernel with every image behind a
 * throw-away overlay and an empty output disk, logs in on the serial console, runs the seed plan
 * ({@link SeedRecovery}), then unpacks the output disk into OUT/&lt;vg&gt;/&lt;lv&gt;/, checks each file against the
 * sha256 the VM computed and writes OUT/MANIFEST.sha256. The VM is killed by its PID however the run ends; the
 * images' sha256 before and after must agree.
 */
public final class ConsoleBootRescue {

    /** The host's sha256 list of the files unpacked, "SHA256  vg/lv/path" in path order. */
    public static final String MANIFEST = "MANIFEST.sha256";
    static final String WORK = ".qrescue-work";

    /** Everything the run produced, for the CLI and the JSON output. */
    public record Outcome(SeedReport report, List<SeedStep> hostSteps, int fileCount, long byteCount, Path manifest,
                          long loginPromptMillis, long shellReadyMillis, long totalMillis) {
    }

    private final QemuLauncher launcher;
    private final Consumer<SeedStep> listener;

    /** @param listener told of each step (host side and VM side) as it ends */
    public ConsoleBootRescue(QemuLauncher launcher, Consumer<SeedStep> listener) {
        this.launcher = launcher;
        this.listener = listener;
    }

    /** Runs it; {@code outDir} must be absent or empty. */
    public Outcome run(List<Path> images, Path outDir, ConsoleBootOptions options)
            throws IOException, InterruptedException {
        return run(images, outDir, options, Map.of());
    }

    /**
     * Runs it with metadata texts the user gave for some VGs (vgcfgbackup form, by VG name), used instead of the
     * stock forms made from the images when the VM's lvm refuses those VGs.
     */
    public Outcome run(List<Path> images, Path outDir, ConsoleBootOptions options, Map<String, String> givenMetadata)
            throws IOException, InterruptedException {
        long started = System.nanoTime();
        if (images.isEmpty()) {
            throw new VmException("no image given");
        }
        for (Path image : images) {
            if (!Files.isRegularFile(image)) {
                throw new VmException(image + ": no such image file");
            }
        }
        if (Files.exists(outDir) && (!Files.isDirectory(outDir) || !isEmpty(outDir))) {
            throw new VmException(outDir + ": output directory exists and is not empty");
        }
        List<SeedStep> hostSteps = new ArrayList<>();
        Map<String, StockRewrite> stock = stockForms(images, hostSteps);
        givenMetadata.forEach((vg, text) -> {
            stock.put(vg, new StockRewrite(vg, text, List.of("metadata text given with --lvm-metadata"), List.of()));
            hostSteps.add(note("metadata", vg, "using the metadata text given with --lvm-metadata"));
        });
        Files.createDirectories(outDir);
        Path work = Files.createDirectories(outDir.resolve(WORK));
        Path outDisk = work.resolve("output.img");
        long imageBytes = 0;
        for (Path image : images) {
            imageBytes += Files.size(image);
        }
        long outBytes = ((2 * imageBytes + (256L << 20)) + (1 << 20) - 1) & ~((1L << 20) - 1);
        try (RandomAccessFile f = new RandomAccessFile(outDisk.toFile(), "rw")) {
            f.setLength(outBytes); // sparse; the guest writes a tar stream at its start
        }
        try {
            return runVm(images, outDir, options, started, hostSteps, stock, work, outDisk, outBytes);
        } finally {
            // the output disk is as big as the images, and a half-unpacked tree is no result: never leave them
            Files.deleteIfExists(outDisk);
            FileTrees.deleteTree(work.resolve("incoming"));
        }
    }

    private Outcome runVm(List<Path> images, Path outDir, ConsoleBootOptions options, long started,
                          List<SeedStep> hostSteps, Map<String, StockRewrite> stock, Path work, Path outDisk,
                          long outBytes) throws IOException, InterruptedException {
        ImageChecksums sums = ImageChecksums.record(images);
        VmSpec spec = spec(images, outDisk, options);
        Path consoleLog = work.resolve("console.log");
        SeedReport report;
        long promptMillis = -1;
        long readyMillis = -1;
        try (OutputStream log = Files.newOutputStream(consoleLog);
             RunningVm vm = launcher.start(spec, work.resolve("qemu.stderr"), work)) {
            SerialConsole console = SerialConsole.start(vm.consoleOutput(), vm.consoleInput(), logTo(log));
            try {
                ConsoleLogin.Outcome login = new ConsoleLogin(options.login()).login(console);
                promptMillis = login.loginPromptAfterMillis();
                readyMillis = login.shellReadyAfterMillis();
                SeedOptions seed = new SeedOptions(options.stepTimeout(), options.copyTimeout(),
                        options.bus().deviceName(images.size()), outBytes / 512, stock, true, "lvm");
                report = new SeedRecovery(login.shell(), seed, listener).run();
            } catch (ConsoleException e) {
                String qemu = vm.isAlive() ? "" : " (qemu: " + firstLine(vm.qemuErrors()) + ")";
                throw new VmException("console: " + e.getMessage() + qemu + "; console log: " + consoleLog);
            }
        }
        sums.verifyUnchanged();
        hostSteps.add(note("images", "-", "sha256 of every image unchanged"));
        int files = 0;
        long bytes = 0;
        Path manifest = outDir.resolve(MANIFEST);
        if (report.copied()) {
            Map<String, String> hostSums = unpack(outDisk, work, outDir, options.copyTimeout(), report, hostSteps);
            files = hostSums.size();
            for (String path : hostSums.keySet()) {
                bytes += Files.size(outDir.resolve(path));
            }
            StringBuilder lines = new StringBuilder();
            hostSums.forEach((path, sum) -> lines.append(sum).append("  ").append(path).append('\n'));
            Path tmp = outDir.resolve(MANIFEST + ".tmp");
            Files.writeString(tmp, lines.toString());
            Files.move(tmp, manifest, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.deleteIfExists(outDisk);
        cleanWork(work);
        return new Outcome(report, hostSteps, files, bytes, manifest, promptMillis, readyMillis,
                (System.nanoTime() - started) / 1_000_000);
    }

    /** Reads each image's LVM metadata; a VG that stock lvm would refuse gets a stock form (noted as host steps). */
    private Map<String, StockRewrite> stockForms(List<Path> images, List<SeedStep> hostSteps) throws IOException {
        StockForms forms = StockForms.of(images);
        for (String problem : forms.problems()) {
            hostSteps.add(note("metadata", "", problem + "; the VM will look anyway"));
        }
        for (StockRewrite r : forms.byVg().values()) {
            hostSteps.add(note("metadata", r.vgName(), "stock lvm would refuse it; prepared a stock form ("
                    + String.join("; ", r.changes()) + ")" + (r.notConverted().isEmpty() ? ""
                    : "; NOT converted: " + String.join("; ", r.notConverted()))));
        }
        return new LinkedHashMap<>(forms.byVg());
    }

    private VmSpec spec(List<Path> images, Path outDisk, ConsoleBootOptions options) {
        List<VmDisk> disks = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            disks.add(VmDisk.protectedImage("IMG" + (i + 1), images.get(i).toAbsolutePath()));
        }
        disks.add(new VmDisk("QOUT", outDisk.toAbsolutePath(), DiskAccess.WRITABLE));
        if (options.bus() == DiskBus.VIRTIO) {
            return new VmSpec(options.kernel(), options.initrd(), options.kernelArguments(), options.memoryMiB(),
                    options.accelerator(), disks, List.of());
        }
        return new VmSpec(options.kernel(), options.initrd(), options.kernelArguments(), options.memoryMiB(),
                options.accelerator(), List.of(), IdeDrives.arguments(disks));
    }

    /** Unpacks the tar from the output disk, checks it against the VM's sha256 list, moves it into place. */
    private Map<String, String> unpack(Path outDisk, Path work, Path outDir, Duration timeout, SeedReport report,
                                       List<SeedStep> hostSteps) throws IOException {
        Path incoming = Files.createDirectories(work.resolve("incoming"));
        HostTar.extract(outDisk, incoming, timeout);
        Path guestList = incoming.resolve(SeedRecovery.GUEST_SUMS);
        String guestText = Files.exists(guestList) ? Files.readString(guestList) : null;
        Files.deleteIfExists(guestList);
        Map<String, String> hostSums = new TreeMap<>();
        try (Stream<Path> all = Files.walk(incoming)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                hostSums.put(incoming.relativize(p).toString(), ImageChecksums.sha256(p));
            }
        }
        if (report.guestSumsWritten()) {
            Map<String, String> guestSums = new TreeMap<>();
            for (String line : (guestText == null ? "" : guestText).split("\n")) {
                if (line.length() > 66 && line.charAt(64) == ' ') {
                    String path = line.substring(66);
                    guestSums.put(path.startsWith("./") ? path.substring(2) : path, line.substring(0, 64));
                }
            }
            if (!guestSums.equals(hostSums)) {
                throw new VmException("files unpacked on the host differ from what the VM read ("
                        + guestSums.size() + " listed in the VM, " + hostSums.size() + " unpacked)");
            }
            hostSteps.add(note("verify", "-", hostSums.size() + " files match the sha256 the VM computed"));
        }
        try (Stream<Path> top = Files.list(incoming)) {
            for (Path p : top.toList()) {
                Files.move(p, outDir.resolve(p.getFileName().toString()), StandardCopyOption.ATOMIC_MOVE);
            }
        }
        Files.delete(incoming);
        return hostSums;
    }

    /** After a run that got this far the console log has served; a failed run keeps it (its path is in the error). */
    private static void cleanWork(Path work) throws IOException {
        FileTrees.deleteTree(work);
    }

    private SeedStep note(String kind, String name, String message) {
        SeedStep step = new SeedStep(kind, name, "", SeedStep.Outcome.OK, -1, message, "", 0);
        listener.accept(step);
        return step;
    }

    private static ConsoleRecorder logTo(OutputStream log) {
        return new ConsoleRecorder() {
            @Override
            public void fromVm(byte[] bytes, int offset, int length) {
                write(bytes, offset, length);
            }

            @Override
            public void toVm(byte[] bytes, int offset, int length) {
                // what we type comes back as the tty's echo where echo is on; the password is never logged
            }

            private void write(byte[] bytes, int offset, int length) {
                try {
                    synchronized (log) {
                        log.write(bytes, offset, length);
                        log.flush();
                    }
                } catch (IOException e) {
                    // the log is for diagnosis only; a full disk shows up when the output is written
                }
            }
        };
    }

    private static String firstLine(String s) {
        return s.isBlank() ? "no message" : s.lines().findFirst().orElse("");
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }
}
