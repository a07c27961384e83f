package io.qrescue.recovery.cli;

import io.qrescue.recovery.files.FileTrees;
import io.qrescue.recovery.vm.appliance.Appliance;
import io.qrescue.recovery.vm.job.JobRunner;
import io.qrescue.recovery.vm.qemu.Accelerator;
import io.qrescue.recovery.vm.qemu.QemuLauncher;
import io.qrescue.recovery.vm.volume.ArrayGenerator;
import io.qrescue.recovery.vm.volume.ArrayVariant;
import io.qrescue.recovery.vm.volume.VolumeGenerator;
import io.qrescue.recovery.vm.volume.VolumeVariant;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code qrescue appliance make-volume}: a QNAP-like test volume made inside the appliance, with oracle files. */
@Command(name = "make-volume", mixinStandardHelpOptions = true,
        description = {"Make a QNAP-like test image inside the appliance: GPT, md RAID1 on partition 3, LVM vg1, "
                + "thin pool tp1, thin lv1/lv2 with ext4 and files of known sha256, thin snapshot snap10001.",
            "Writes OUT (and OUT-b.img, OUT-c.img for more members) and OUT.oracle/ (mdadm, lvm, thin_dump, dumpe2fs outputs)."})
final class MakeVolumeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    VmOptions vm;

    @Parameters(index = "0", paramLabel = "OUT.img", description = "the image to write (the first member)")
    Path image;

    @Option(names = "--variant", paramLabel = "NAME", description = "md10-single (default), md12-single, md10-raid1, "
            + "md10-tier, md10-raid5, md12-raid6, md10-luks (QNAP-like disks), or one of the small md test arrays "
            + "md-LEVEL-...")
    String variant = "md10-single";

    @Option(names = "--size", paramLabel = "MiB", description = "size of each member image in MiB [96]")
    long sizeMiB = 96;

    @Option(names = "--seed", description = "seed of the file contents [1]")
    long seed = 1;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        VolumeVariant v = VolumeVariant.byName(variant).orElse(null);
        ArrayVariant array = ArrayVariant.byName(variant).orElse(null);
        if (v == null && array == null) {
            err.println("qrescue: make-volume: unknown variant '" + variant + "'; known: " + Stream.concat(Arrays.stream(
                    VolumeVariant.values()).map(VolumeVariant::variantName), Arrays.stream(ArrayVariant.values())
                    .map(ArrayVariant::variantName)).collect(Collectors.joining(", ")));
            return ExitCodes.ENVIRONMENT;
        }
        if (array != null) {
            return makeArray(array, out, err);
        }
        if (sizeMiB < 64) {
            err.println("qrescue: make-volume: --size must be at least 64 MiB: " + sizeMiB);
            return ExitCodes.ENVIRONMENT;
        }
        try {
            QemuLauncher launcher = QemuLauncher.fromEnvironment();
            Appliance appliance = vm.appliance(out);
            Accelerator accel = vm.accelerator(launcher, appliance);
            var request = new VolumeGenerator.Request(v, image.toAbsolutePath(), sizeMiB << 20, seed);
            Path work = Files.createTempDirectory("qrescue-make-volume");
            JobRunner runner = vm.jobRunner(launcher, out);
            out.println("making " + v.variantName() + " in the appliance (" + accel.qemuName() + ") ...");
            out.flush();
            var volume = new VolumeGenerator(runner, appliance, accel).make(request, work);
            for (Path member : volume.members()) {
                out.println("  image:  " + member);
            }
            out.println("  oracle: " + volume.oracleDir());
            volume.tierRewrite().ifPresent(r -> out.println("  metadata rewritten to tier-thin-pool at byte "
                    + r.textOffsetBytes()));
            out.println(String.format(Locale.ROOT, "  boot %.1f s, whole run %.1f s",
                    volume.job().bootMillis() / 1000.0, volume.job().totalMillis() / 1000.0));
            FileTrees.deleteTree(work);
            return ExitCodes.OK;
        } catch (IOException e) {
            err.println("qrescue: make-volume: " + e.getMessage());
            return ExitCodes.of(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("qrescue: make-volume: interrupted");
            return ExitCodes.of(e);
        }
    }

    /** A small md test array: whole-disk members, two volumes of known content, the kernel's digests. */
    private int makeArray(ArrayVariant array, PrintWriter out, PrintWriter err) {
        try {
            QemuLauncher launcher = QemuLauncher.fromEnvironment();
            Appliance appliance = vm.appliance(out);
            Accelerator accel = vm.accelerator(launcher, appliance);
            Path work = Files.createTempDirectory("qrescue-make-volume");
            out.println("making " + array.variantName() + " in the appliance (" + accel.qemuName() + ") ...");
            out.flush();
            var made = new ArrayGenerator(vm.jobRunner(launcher, out), appliance, accel).make(array,
                    image.toAbsolutePath(), seed, work);
            for (Path member : made.members()) {
                out.println("  member: " + member);
            }
            out.println("  oracle: " + made.oracleDir());
            out.println(String.format(Locale.ROOT, "  boot %.1f s, whole run %.1f s", made.job().bootMillis() / 1000.0,
                    made.job().totalMillis() / 1000.0));
            FileTrees.deleteTree(work);
            return ExitCodes.OK;
        } catch (IOException e) {
            err.println("qrescue: make-volume: " + e.getMessage());
            return ExitCodes.ENVIRONMENT;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("qrescue: make-volume: interrupted");
            return ExitCodes.ENVIRONMENT;
        }
    }
}
