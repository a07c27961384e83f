package io.qrescue.recovery.vm.job;

import io.qrescue.recovery.vm.VmException;
import io.qrescue.recovery.vm.appliance.Appliance;
import io.qrescue.recovery.vm.qemu.Accelerator;
import io.qrescue.recovery.vm.qemu.QemuLauncher;
import io.qrescue.recovery.vm.qemu.RunningVm;
import io.qrescue.recovery.vm.qemu.VmSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Chooses KVM only when a short probe boot of the appliance under KVM reaches its ready marker; otherwise TCG.
 * A /dev/kvm can exist and still not run a stock kernel (software KVMs hang or stop with an emulation failure),
 * so its presence alone proves nothing. The answer is kept next to the appliance until it is rebuilt.
 */
public final class AcceleratorProbe {
    static final String CACHE_FILE = "kvm-probe.txt";
    private final QemuLauncher launcher;
    private final Path devKvm;

    public AcceleratorProbe(QemuLauncher launcher) {
        this(launcher, Path.of("/dev/kvm"));
    }

    AcceleratorProbe(QemuLauncher launcher, Path devKvm) {
        this.launcher = launcher;
        this.devKvm = devKvm;
    }

    /** KVM or TCG for {@code appliance}; a probe boot (at most {@code timeout}) runs once per appliance build. */
    public Accelerator choose(Appliance appliance, Duration timeout) throws IOException, InterruptedException {
        if (!Files.isReadable(devKvm) || !Files.isWritable(devKvm)) {
            return Accelerator.TCG;
        }
        Path cache = appliance.cacheDir().resolve(CACHE_FILE);
        String key = Integer.toHexString(appliance.stamp().text().hashCode()) + " " + launcher.qemu();
        if (Files.isRegularFile(cache)) {
            List<String> lines = Files.readAllLines(cache);
            if (lines.size() == 2 && lines.get(0).equals(key)) {
                return Accelerator.valueOf(lines.get(1));
            }
        }
        Accelerator answer = probe(appliance, timeout) ? Accelerator.KVM : Accelerator.TCG;
        Path tmp = cache.resolveSibling(CACHE_FILE + ".tmp");
        Files.writeString(tmp, key + "\n" + answer.name() + "\n");
        Files.move(tmp, cache, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return answer;
    }

    private boolean probe(Appliance appliance, Duration timeout) throws IOException, InterruptedException {
        String nonce = HexFormat.of().formatHex(SecureRandom.getSeed(4));
        VmSpec spec = new VmSpec(appliance.kernel(), appliance.initramfs(),
                "qrescue.mode=probe qrescue.nonce=" + nonce, 256, Accelerator.KVM, List.of(), List.of());
        Path dir = Files.createTempDirectory("qrescue-kvm-probe");
        try (RunningVm vm = launcher.start(spec, dir.resolve("qemu.stderr"), dir);
             ConsoleTranscript console = new ConsoleTranscript(vm.consoleOutput(), dir.resolve("console.log"), l -> {
             })) {
            console.await(Pattern.compile("@@QRESCUE-READY uptime=[0-9.]+ nonce=" + nonce + "@@"), timeout,
                    "the KVM probe");
            return true;
        } catch (VmException e) {
            return false;
        } finally {
            for (String name : List.of("qemu.stderr", "console.log")) {
                Files.deleteIfExists(dir.resolve(name));
            }
            Files.deleteIfExists(dir);
        }
    }
}
