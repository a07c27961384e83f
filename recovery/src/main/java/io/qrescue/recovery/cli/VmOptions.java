package io.qrescue.recovery.cli;

import io.qrescue.recovery.vm.appliance.Appliance;
import io.qrescue.recovery.vm.appliance.ApplianceBuild;
import io.qrescue.recovery.vm.appliance.ApplianceBuilder;
import io.qrescue.recovery.vm.job.AcceleratorProbe;
import io.qrescue.recovery.vm.job.JobRunner;
import io.qrescue.recovery.vm.qemu.Accelerator;
import io.qrescue.recovery.vm.qemu.QemuLauncher;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Options shared by the commands that start the appliance: cache directory, accelerator, verbosity. */
final class VmOptions {
    /** The accelerator the user asked for. */
    enum AccelChoice { auto, kvm, tcg }

    @Option(names = "--cache", paramLabel = "DIR", description = "appliance cache [~/.cache/qrescue/appliance]")
    Path cacheDir;

    @Option(names = "--accel", paramLabel = "auto|kvm|tcg",
            description = "KVM only when a probe boot shows it works (auto), or force one [auto]")
    AccelChoice accel = AccelChoice.auto;

    @Option(names = {"-v", "--verbose"}, description = "show the VM's console")
    boolean verbose;

    /** The appliance, built first when missing or out of date (says so on {@code out}). */
    Appliance appliance(PrintWriter out) throws IOException {
        ApplianceBuild build = new ApplianceBuilder().ensure(cacheDir != null ? cacheDir
                : ApplianceBuilder.defaultCacheDir());
        if (build.rebuilt()) {
            out.println(ApplianceCommand.describe(build));
            out.flush();
        }
        return build.appliance();
    }

    /** A job runner that shows the VM's console on {@code out} with {@code -v}. */
    JobRunner jobRunner(QemuLauncher launcher, PrintWriter out) {
        return new JobRunner(launcher, line -> {
            if (verbose) {
                out.println("| " + line);
                out.flush();
            }
        });
    }

    /** The accelerator to use. */
    Accelerator accelerator(QemuLauncher launcher, Appliance appliance) throws IOException, InterruptedException {
        return switch (accel) {
            case kvm -> Accelerator.KVM;
            case tcg -> Accelerator.TCG;
            case auto -> new AcceleratorProbe(launcher).choose(appliance, Duration.ofSeconds(20));
        };
    }
}
