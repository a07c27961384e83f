package io.qrescue.recovery.vm.job;

import io.qrescue.recovery.vm.VmException;
import io.qrescue.recovery.vm.appliance.Appliance;
import io.qrescue.recovery.vm.qemu.Accelerator;
import io.qrescue.recovery.vm.qemu.QemuLauncher;
import io.qrescue.recovery.vm.qemu.RunningVm;
import io.qrescue.recovery.vm.qemu.VmDisk;
import io.qrescue.recovery.vm.qemu.VmSpec;
import java.nio.file.Path;
import java.util.List;

/**
 * Starts the appliance with an interactive shell on its serial console, for a console driver: the console is
 * {@link RunningVm#consoleOutput()} / {@link RunningVm#consoleInput()}. With {@code login} the console first asks
 * "qrescue login: " and "Password: " (admin/admin) and then prompts "[~] # ", like a QNAP console; without, the
 * prompt is "qrescue# ". Disks appear as /dev/by-serial/SERIAL. The caller closes the VM (kill by PID).
 */
public final class ApplianceShell {

    private ApplianceShell() {
    }

    /** Starts the VM; qemu's stderr and snapshot overlays go to {@code workDir}. */
    public static RunningVm start(QemuLauncher launcher, Appliance appliance, Accelerator accelerator,
                                  List<VmDisk> disks, boolean login, Path workDir) throws VmException {
        VmSpec spec = new VmSpec(appliance.kernel(), appliance.initramfs(),
                "qrescue.mode=shell" + (login ? " qrescue.login=1" : ""), 512, accelerator, disks, List.of());
        return launcher.start(spec, workDir.resolve("qemu.stderr"), workDir);
    }
}
