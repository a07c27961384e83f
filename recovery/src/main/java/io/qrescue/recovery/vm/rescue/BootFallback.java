package io.qrescue.recovery.vm.rescue;

import io.qrescue.recovery.pipeline.VmFallback;
import io.qrescue.recovery.vm.VmException;
import io.qrescue.recovery.vm.appliance.Appliance;
import io.qrescue.recovery.vm.appliance.ApplianceBuilder;
import io.qrescue.recovery.vm.job.JobRunner;
import io.qrescue.recovery.vm.lvmfix.StockForms;
import io.qrescue.recovery.vm.qemu.Accelerator;
import io.qrescue.recovery.vm.qemu.QemuLauncher;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The rescue job's {@link VmFallback}: {@link BootRescue} over every rescued image (attached copy-on-write, their
 * checksums compared before and after), with the stock form of any VG stock lvm would refuse (QNAP's
 * tier-thin-pool) restored into the VM's overlay as {@code qrescue boot} does.
 */
public final class BootFallback implements VmFallback {

    /** How the appliance and the accelerator are had (the command line builds the appliance and probes KVM). */
    public interface Setup {
        Appliance appliance() throws IOException;

        Accelerator accelerator(QemuLauncher launcher, Appliance appliance) throws IOException, InterruptedException;
    }

    private final String pathVariable;
    private final ApplianceBuilder builder;
    private final Setup setup;
    private final Duration bootTimeout;
    private final Duration stepTimeout;
    private final Duration jobTimeout;
    private final Consumer<String> console;
    private final Consumer<String> notes;

    /**
     * @param pathVariable where to look for qemu (the value of PATH)
     * @param builder      tells whether a kernel and the host packages for the appliance are there
     * @param console      the VM's console lines (shown with --verbose)
     * @param notes        lines worth showing (a VG rewritten into stock form)
     */
    public BootFallback(String pathVariable, ApplianceBuilder builder, Setup setup, Duration bootTimeout,
            Duration stepTimeout, Duration jobTimeout, Consumer<String> console, Consumer<String> notes) {
        this.pathVariable = pathVariable;
        this.builder = builder;
        this.setup = setup;
        this.bootTimeout = bootTimeout;
        this.stepTimeout = stepTimeout;
        this.jobTimeout = jobTimeout;
        this.console = console;
        this.notes = notes;
    }

    @Override
    public Optional<String> missing() {
        List<String> missing = new ArrayList<>();
        try {
            QemuLauncher.fromPath(pathVariable);
        } catch (VmException e) {
            missing.add(e.getMessage());
        }
        try {
            builder.currentStamp();
        } catch (VmException e) {
            missing.add(e.getMessage());
        }
        return missing.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", missing));
    }

    @Override
    public Copy copy(Request request, Path outDir) throws IOException, InterruptedException {
        QemuLauncher launcher = QemuLauncher.fromPath(pathVariable);
        Appliance appliance = setup.appliance();
        Accelerator accel = setup.accelerator(launcher, appliance);
        Map<String, String> metadata = StockForms.of(request.images()).restoreTexts(Map.of(), notes);
        BootOptions options = new BootOptions(accel, 512, bootTimeout, stepTimeout, jobTimeout);
        BootRescue.Outcome outcome = new BootRescue(new JobRunner(launcher, console), appliance)
                .run(request.images(), outDir, options, metadata);
        List<String> problems = outcome.report().failures().stream().map(StackReport.Step::describe).toList();
        return new Copy(outcome.report().mounted(), problems, "recovery appliance (" + accel.qemuName() + "), "
                + outcome.fileCount() + " files checked by sha256 inside and outside the VM");
    }
}
