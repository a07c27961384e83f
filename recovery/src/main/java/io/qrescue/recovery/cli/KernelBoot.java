package io.qrescue.recovery.cli;

import io.qrescue.recovery.json.JsonText;
import io.qrescue.recovery.vm.VmException;
import io.qrescue.recovery.vm.console.LoginSettings;
import io.qrescue.recovery.vm.qemu.Accelerator;
import io.qrescue.recovery.vm.qemu.QemuLauncher;
import io.qrescue.recovery.vm.seed.ConsoleBootOptions;
import io.qrescue.recovery.vm.seed.ConsoleBootRescue;
import io.qrescue.recovery.vm.seed.SeedStep;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code qrescue boot --kernel K --initrd I}: runs {@link ConsoleBootRescue} and renders its plan as lines (and
 * JSON with --json). Exit 0: everything copied; 2: a step failed (what could, was copied); 1: environment.
 */
final class KernelBoot {

    private KernelBoot() {
    }

    static int run(List<Path> images, Path outDir, Path kernel, Path initrd, Accelerator accel,
                   ConsoleBootOptionsMixin console, Map<String, String> givenMetadata, Duration bootTimeout, Duration stepTimeout, Duration copyTimeout,
                   QemuLauncher launcher, PrintWriter out, boolean verbose) throws IOException, InterruptedException {
        LoginSettings login = LoginSettings.QNAP_DEFAULTS.withCredentials(console.loginUser, console.loginPassword)
                .withTimeouts(bootTimeout, Duration.ofSeconds(30));
        ConsoleBootOptions options = new ConsoleBootOptions(kernel.toAbsolutePath(),
                initrd == null ? null : initrd.toAbsolutePath(),
                console.kernelArguments != null ? console.kernelArguments : ConsoleBootOptions.QNAP_KERNEL_ARGUMENTS,
                console.memoryMiB, accel, console.diskBus(), login, stepTimeout, copyTimeout);
        out.println("booting " + kernel + " (" + accel.qemuName() + ", disks on " + console.bus + ") on "
                + images.size() + " image(s); logging in as " + console.loginUser + " ...");
        out.flush();
        List<SeedStep> all = new ArrayList<>();
        ConsoleBootRescue.Outcome outcome = new ConsoleBootRescue(launcher, step -> {
            all.add(step);
            out.println("  " + step.describe() + (verbose && !step.command().isEmpty() ? "   $ " + step.command() : ""));
            out.flush();
        }).run(images.stream().map(Path::toAbsolutePath).toList(), outDir, options, givenMetadata);
        out.println(String.format(Locale.ROOT, "login prompt after %.1f s, shell ready after %.1f s, whole run %.1f s",
                outcome.loginPromptMillis() / 1000.0, outcome.shellReadyMillis() / 1000.0,
                outcome.totalMillis() / 1000.0));
        if (outcome.report().copied()) {
            out.println(outcome.fileCount() + " files (" + outcome.byteCount() + " bytes) from "
                    + String.join(", ", outcome.report().mounted()) + " in " + outDir + "; sha256 list: "
                    + outcome.manifest());
        } else {
            out.println("no files copied");
        }
        if (console.json != null) {
            writeJson(console.json, outcome, all);
        }
        List<SeedStep> failures = new ArrayList<>(outcome.report().failures());
        outcome.hostSteps().stream().filter(s -> s.outcome() == SeedStep.Outcome.FAILED).forEach(failures::add);
        if (!failures.isEmpty()) {
            out.println("could not be done:");
            failures.forEach(f -> out.println("  " + f.describe()));
            return ExitCodes.CORRUPT_INPUT;
        }
        return outcome.report().copied() ? ExitCodes.OK : ExitCodes.CORRUPT_INPUT;
    }

    /** Names a missing kernel or initrd before anything is built, created or started. */
    static void requireFile(Path file, String what) throws VmException {
        if (!Files.isRegularFile(file)) {
            throw new VmException(file + ": no such " + what + " (not a regular file)");
        }
    }

    private static void writeJson(Path file, ConsoleBootRescue.Outcome o, List<SeedStep> steps) throws IOException {
        StringBuilder b = new StringBuilder("{\"copied\":").append(o.report().copied())
                .append(",\"files\":").append(o.fileCount()).append(",\"bytes\":").append(o.byteCount())
                .append(",\"loginPromptMillis\":").append(o.loginPromptMillis())
                .append(",\"shellReadyMillis\":").append(o.shellReadyMillis())
                .append(",\"totalMillis\":").append(o.totalMillis()).append(",\"mounted\":[");
        for (int i = 0; i < o.report().mounted().size(); i++) {
            b.append(i == 0 ? "" : ",");
            JsonText.quote(b, o.report().mounted().get(i));
        }
        b.append("],\"steps\":[");
        for (int i = 0; i < steps.size(); i++) {
            SeedStep s = steps.get(i);
            b.append(i == 0 ? "" : ",").append("{\"kind\":");
            JsonText.quote(b, s.kind()).append(",\"name\":");
            JsonText.quote(b, s.name()).append(",\"outcome\":");
            JsonText.quote(b, s.outcome().name()).append(",\"exitStatus\":").append(s.exitStatus())
                    .append(",\"command\":");
            JsonText.quote(b, s.command()).append(",\"message\":");
            JsonText.quote(b, s.message()).append(",\"millis\":").append(s.elapsedMillis()).append(",\"output\":");
            JsonText.quote(b, s.output()).append('}');
        }
        b.append("]}\n");
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, b);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
