package io.qrescue.recovery.cli;

import io.qrescue.recovery.volume.VolumeCatalogFactory;
import io.qrescue.recovery.vm.VmException;
import io.qrescue.recovery.vm.appliance.Appliance;
import io.qrescue.recovery.vm.qemu.Accelerator;
import io.qrescue.recovery.vm.qemu.ImageChecksums;
import io.qrescue.recovery.vm.qemu.QemuLauncher;
import io.qrescue.recovery.vm.qemu.RunningVm;
import io.qrescue.recovery.vm.qemu.VmSpec;
import io.qrescue.recovery.vm.rescue.BootOptions;
import io.qrescue.recovery.vm.rescue.BootRescue;
import io.qrescue.recovery.vm.lvmfix.StockForms;
import io.qrescue.recovery.vm.rescue.StackReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code qrescue boot}: starts the recovery appliance on rescued images (never writing them), assembles md,
 * activates LVM, mounts read-only and copies the files into OUT/&lt;vg&gt;/&lt;lv&gt;/ with a sha256 manifest; or
 * leaves the user at the VM's console ({@code --shell}).
 */
@Command(name = "boot", mixinStandardHelpOptions = true,
        description = {"Boot the recovery appliance on images (attached so they can never be written), assemble md "
                + "(degraded allowed), activate LVM (thin volumes and snapshots), mount read-only and copy every "
                + "file into OUT/<vg>/<lv>/ with OUT/MANIFEST.sha256.",
            "With --volume, md, LVM and the thin pool are read here instead (QNAP's dialect too) and the VM only "
                + "mounts the volume, served over NBD.",
            "Exit 0: everything copied; 2: something could not be assembled, activated or mounted (what could, was "
                + "copied); 1: environment (qemu, kernel, output directory, timeout)."})
public final class BootCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    VmOptions vm;

    @Parameters(paramLabel = "IMAGE", arity = "1..*", description = "member images (raw), in any order")
    List<Path> images;

    @Option(names = "--out", paramLabel = "DIR", description = "where the files go (absent or empty)")
    Path outDir;

    @Option(names = "--shell", description = "leave me at the appliance's console instead (Ctrl-A X ends the VM)")
    boolean shell;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "limit for the whole job in the VM [3600]")
    long timeoutSeconds = 3600;

    @Option(names = "--boot-timeout", paramLabel = "SECONDS", description = "limit for booting the appliance [300]")
    long bootTimeoutSeconds = 300;

    @Option(names = "--step-timeout", paramLabel = "SECONDS",
            description = "limit for each assemble, activate and mount step [300]")
    long stepTimeoutSeconds = 300;

    @Option(names = "--lvm-metadata", paramLabel = "FILE",
            description = "LVM metadata text (vgcfgbackup form) restored into the VM's overlay before activation, "
                    + "for a VG stock lvm refuses; repeatable")
    List<Path> lvmMetadata = new ArrayList<>();

    @Option(names = "--kernel", paramLabel = "bzImage", description = "a QNAP kernel to boot instead of the appliance")
    Path kernel;

    @Option(names = "--initrd", paramLabel = "FILE", description = "the QNAP initrd that goes with --kernel")
    Path initrd;

    @Option(names = "--volume", paramLabel = "VG/LV",
            description = "instead of assembling the stack in the VM: read md, LVM and the thin pool (QNAP's too) in "
                    + "Java and give the VM only this volume, served over NBD, for a stock kernel to mount; repeatable")
    List<String> volumes = new ArrayList<>();

    @Option(names = {"-m", "--map"}, paramLabel = "MAPFILE",
            description = "with --volume: an IMAGE's ddrescue mapfile (repeat in IMAGE order); the VM reads I/O errors"
                    + " where no IMAGE gives the bytes back (an md array rebuilds what it can from its other members),"
                    + " and files there are listed in OUT/" + BootRescue.UNREADABLE + ", not copied (so are files on bytes of"
                    + " unknown provenance, which make the command exit 2)")
    List<Path> mapfiles = new ArrayList<>();

    private final VolumeCatalogFactory catalogs;

    @Mixin
    ConsoleBootOptionsMixin console;

    @Mixin
    UnlockOptions unlock = new UnlockOptions();

    public BootCommand() {
        this(VolumeCatalogs.stackScanner());
    }

    /** With the volumes of an image found by {@code catalogs} (tests inject a fake). */
    BootCommand(VolumeCatalogFactory catalogs) {
        this.catalogs = catalogs;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (kernel == null && initrd != null) {
            err.println("qrescue: boot: --initrd needs --kernel");
            return ExitCodes.ENVIRONMENT;
        }
        if (kernel != null && shell) {
            err.println("qrescue: boot: --shell is for the built-in appliance; with --kernel run qemu yourself");
            return ExitCodes.ENVIRONMENT;
        }
        if (!shell && outDir == null) {
            err.println("qrescue: boot: --out DIR is required (or --shell)");
            return ExitCodes.ENVIRONMENT;
        }
        if (timeoutSeconds <= 0 || bootTimeoutSeconds <= 0 || stepTimeoutSeconds <= 0) {
            err.println("qrescue: boot: timeouts must be positive");
            return ExitCodes.ENVIRONMENT;
        }
        if (!mapfiles.isEmpty() && volumes.isEmpty()) {
            err.println("qrescue: boot: --map goes with --volume (the VM reads the images themselves otherwise)");
            return ExitCodes.ENVIRONMENT;
        }
        if (!volumes.isEmpty() && (kernel != null || shell)) {
            err.println("qrescue: boot: --volume goes without --kernel and --shell");
            return ExitCodes.ENVIRONMENT;
        }
        try {
            for (Path image : images) {
                if (!Files.isRegularFile(image)) {
                    throw new VmException(image + ": no such image file");
                }
            }
            QemuLauncher launcher = QemuLauncher.fromEnvironment();
            if (!volumes.isEmpty()) {
                return bootServed(launcher, out, err);
            }
            if (kernel != null) {
                KernelBoot.requireFile(kernel, "kernel");
                if (initrd != null) {
                    KernelBoot.requireFile(initrd, "initrd");
                }
                Accelerator accel = vm.accel == VmOptions.AccelChoice.kvm ? Accelerator.KVM
                        : vm.accel == VmOptions.AccelChoice.tcg ? Accelerator.TCG
                        : vm.accelerator(launcher, vm.appliance(out)); // the probe boots the appliance's kernel
                return KernelBoot.run(images, outDir, kernel, initrd, accel, console, metadataByVg(),
                        Duration.ofSeconds(bootTimeoutSeconds), Duration.ofSeconds(stepTimeoutSeconds),
                        Duration.ofSeconds(timeoutSeconds), launcher, out, vm.verbose);
            }
            Appliance appliance = vm.appliance(out);
            Accelerator accel = vm.accelerator(launcher, appliance);
            if (shell) {
                return shell(launcher, appliance, accel, out);
            }
            out.println("booting the appliance (" + accel.qemuName() + ") on " + images.size() + " image(s) ...");
            out.flush();
            BootRescue.Outcome outcome = new BootRescue(vm.jobRunner(launcher, out), appliance).run(absolute(images), outDir,
                    bootOptions(accel), StockForms.of(absolute(images)).restoreTexts(metadataByVg(), out::println));
            return render(outcome, out);
        } catch (CommandFailure e) {
            err.println("qrescue: boot: " + e.getMessage());
            return ExitCodes.of(e);
        } catch (ImageChecksums.ImageChangedException e) {
            err.println("qrescue: boot: " + e.getMessage());
            return ExitCodes.INTERNAL;
        } catch (IOException e) {
            err.println("qrescue: boot: " + e.getMessage());
            return ExitCodes.of(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("qrescue: boot: interrupted; the VM was stopped");
            return ExitCodes.of(e);
        }
    }

    private BootOptions bootOptions(Accelerator accel) {
        return new BootOptions(accel, 512, Duration.ofSeconds(bootTimeoutSeconds), Duration.ofSeconds(stepTimeoutSeconds),
                Duration.ofSeconds(timeoutSeconds));
    }

    /** {@code --volume}: the stack read here, each volume served to the VM over NBD, its files copied out. */
    private int bootServed(QemuLauncher launcher, PrintWriter out, PrintWriter err) throws CommandFailure, IOException,
            InterruptedException {
        // the volumes first: a wrong name or mapfile is told before the appliance is built or probed
        try (ServedVolumes served = ServedVolumes.serve(images, mapfiles, volumes, catalogs, unlock)) {
            served.luksLines().forEach(out::println);
            Appliance appliance = vm.appliance(out);
            Accelerator accel = vm.accelerator(launcher, appliance);
            long damaged = served.damagedBytes();
            out.println("booting the appliance (" + accel.qemuName() + ") on " + String.join(", ", volumes)
                    + " of " + images.stream().map(p -> String.valueOf(p.getFileName())).collect(
                    java.util.stream.Collectors.joining(", ")) + ", served over NBD" + (damaged > 0 ? " (" + damaged
                    + " damaged bytes answer I/O errors)" : "") + " ...");
            out.flush();
            BootRescue.Outcome outcome = new BootRescue(vm.jobRunner(launcher, out), appliance).runServed(served.served(),
                    outDir, bootOptions(accel));
            if (served.refusedReads() > 0) {
                out.println("the host answered " + served.refusedReads() + " read(s) of the VM with an I/O error "
                        + "(bytes the mapfile marks unreadable, or of unknown provenance)");
            }
            int code = render(outcome, out);
            List<String> unknown = served.unknownLines();
            if (!unknown.isEmpty()) {
                // the one rule: files on bytes of unknown provenance were not copied (listed), and the command fails
                out.flush();
                unknown.forEach(line -> err.println("qrescue: boot: " + line + "; the files there are listed in "
                        + outDir.resolve(BootRescue.UNREADABLE)));
                return ExitCodes.CORRUPT_INPUT;
            }
            return code;
        }
    }

    private int render(BootRescue.Outcome outcome, PrintWriter out) {
        StackReport report = outcome.report();
        for (StackReport.Step step : report.steps()) {
            out.println("  " + step.describe());
        }
        out.println(String.format(Locale.ROOT, "boot %.1f s (guest kernel up %.1f s of it), whole run %.1f s",
                outcome.job().bootMillis() / 1000.0, outcome.job().guestUptimeAtReadySeconds(),
                outcome.job().totalMillis() / 1000.0));
        if (report.copied()) {
            out.println(outcome.fileCount() + " files (" + outcome.byteCount() + " bytes) from "
                    + String.join(", ", report.mounted()) + " in " + outDir + "; sha256 list: " + outcome.manifest());
        } else {
            out.println("no files copied: nothing could be mounted");
        }
        if (!outcome.unreadable().isEmpty()) {
            out.println(outcome.unreadable().size() + " file(s) could not be read (I/O errors) and were not copied; "
                    + "listed in " + outDir.resolve(BootRescue.UNREADABLE));
        }
        List<StackReport.Step> failures = report.failures();
        if (!failures.isEmpty()) {
            out.println("could not be assembled, activated or mounted:");
            failures.forEach(f -> out.println("  " + f.describe()));
            return ExitCodes.CORRUPT_INPUT;
        }
        return ExitCodes.OK;
    }

    private int shell(QemuLauncher launcher, Appliance appliance, Accelerator accel, PrintWriter out)
            throws IOException, InterruptedException {
        List<Path> absolute = absolute(images);
        ImageChecksums sums = ImageChecksums.record(absolute);
        VmSpec spec = new VmSpec(appliance.kernel(), appliance.initramfs(), "qrescue.mode=shell", 512, accel,
                BootRescue.imageDisks(absolute), List.of());
        out.println("appliance console: images are /dev/by-serial/IMG1... (writes go to a throw-away overlay); "
                + "'poweroff -f' or Ctrl-A X ends the VM");
        out.flush();
        Path tmp = Files.createTempDirectory("qrescue-shell");
        try (RunningVm running = launcher.start(spec, null, tmp, true)) {
            running.waitForExit(Duration.ofDays(365));
        } finally {
            Files.deleteIfExists(tmp);
        }
        sums.verifyUnchanged();
        out.println("images unchanged (sha256 checked)");
        return ExitCodes.OK;
    }

    private Map<String, String> metadataByVg() throws IOException {
        Map<String, String> byVg = new TreeMap<>();
        for (Path file : lvmMetadata) {
            if (!Files.isRegularFile(file)) {
                throw new VmException(file + ": no such LVM metadata file");
            }
            String text = Files.readString(file);
            String vg = BootRescue.vgNameOf(text).orElseThrow(() -> new VmException(file
                    + ": not LVM metadata text (no 'VGNAME {' line)"));
            byVg.put(vg, text);
        }
        return byVg;
    }

    private static List<Path> absolute(List<Path> paths) {
        return paths.stream().map(Path::toAbsolutePath).toList();
    }
}
