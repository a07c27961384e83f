package io.qrescue.recovery.vm.job;

import io.qrescue.recovery.vm.VmException;
import io.qrescue.recovery.vm.appliance.Appliance;
import io.qrescue.recovery.vm.qemu.DiskAccess;
import io.qrescue.recovery.vm.qemu.ImageChecksums;
import io.qrescue.recovery.vm.qemu.QemuLauncher;
import io.qrescue.recovery.vm.qemu.RunningVm;
import io.qrescue.recovery.vm.qemu.VmDisk;
import io.qrescue.recovery.vm.qemu.VmSpec;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

/**
 * Runs one job in the appliance: writes the job disk, attaches the user's disks so the guest cannot change them
 * (checked by sha256 before and after), boots, waits for the ready and exit markers under timeouts, always kills
 * qemu by its PID, and unpacks the results.
 */
public final class JobRunner {
    public static final String JOB_SERIAL = "QJOB";
    public static final String RESULTS_SERIAL = "QRES";
    public static final String OUTPUT_SERIAL = "QOUT";

    private final QemuLauncher launcher;
    private final Consumer<String> consoleLines;

    /** A runner starting VMs with {@code launcher}; every console line also goes to {@code consoleLines}. */
    public JobRunner(QemuLauncher launcher, Consumer<String> consoleLines) {
        this.launcher = launcher;
        this.consoleLines = consoleLines;
    }

    /** Runs {@code job}; {@code workDir} (created) receives job.tar, the disks, console.log and results/. */
    public JobResult run(Appliance appliance, Job job, JobOptions options, Path workDir) throws IOException,
            InterruptedException {
        Files.createDirectories(workDir);
        Path jobDisk = workDir.resolve("job.tar");
        JobDisk.write(job, jobDisk);
        Path resultsDisk = sparse(workDir.resolve("results.img"), options.resultDiskBytes());
        Optional<Path> outputDisk = options.outputDiskBytes() > 0
                ? Optional.of(sparse(workDir.resolve("output.img"), options.outputDiskBytes())) : Optional.empty();

        List<Path> protectedImages = options.disks().stream()
                .filter(d -> d.isFile() && d.access() != DiskAccess.WRITABLE).map(VmDisk::path).toList();
        ImageChecksums checksums = ImageChecksums.record(protectedImages);

        List<VmDisk> disks = new ArrayList<>(options.disks());
        disks.add(new VmDisk(JOB_SERIAL, jobDisk, DiskAccess.READ_ONLY));
        disks.add(new VmDisk(RESULTS_SERIAL, resultsDisk, DiskAccess.WRITABLE));
        outputDisk.ifPresent(p -> disks.add(new VmDisk(OUTPUT_SERIAL, p, DiskAccess.WRITABLE)));
        String nonce = HexFormat.of().formatHex(SecureRandom.getSeed(4));
        VmSpec spec = new VmSpec(appliance.kernel(), appliance.initramfs(),
                "qrescue.mode=job qrescue.nonce=" + nonce + " " + options.extraKernelArguments(), options.memoryMiB(),
                options.accelerator(), disks, List.of());
        Pattern ready = Pattern.compile("@@QRESCUE-READY uptime=([0-9.]+) nonce=" + nonce + "@@\n");
        Pattern exit = Pattern.compile("@@QRESCUE-JOB-EXIT rc=(\\d+) res=(\\w+) uptime=[0-9.]+ nonce=" + nonce + "@@\n");

        long bootMillis;
        double uptime;
        int status;
        String resultsState;
        long totalMillis;
        IOException failure = null;
        try (RunningVm vm = launcher.start(spec, workDir.resolve("qemu.stderr"), workDir);
             ConsoleTranscript console = new ConsoleTranscript(vm.consoleOutput(), workDir.resolve("console.log"),
                     consoleLines)) {
            try {
                MatchResult r = console.await(ready, options.bootTimeout(), "the appliance to boot");
                bootMillis = vm.elapsedMillis();
                uptime = Double.parseDouble(r.group(1));
                MatchResult e = console.await(exit, options.jobTimeout(), "the job to finish");
                status = Integer.parseInt(e.group(1));
                resultsState = e.group(2);
                vm.waitForExit(Duration.ofSeconds(30));
                totalMillis = vm.elapsedMillis();
            } catch (VmException e) {
                String qemuErrors = vm.qemuErrors();
                throw qemuErrors.isEmpty() ? e : new VmException(e.getMessage() + "; qemu said: "
                        + qemuErrors.lines().findFirst().orElse(""), e);
            }
        } catch (IOException e) {
            failure = e;
            throw e;
        } finally {
            verify(checksums, failure);
        }
        if (!resultsState.equals("ok")) {
            throw new VmException("the appliance could not write its results disk (" + resultsState + "); console: "
                    + workDir.resolve("console.log"));
        }
        Path resultsDir = workDir.resolve("results");
        Files.createDirectories(resultsDir);
        HostTar.extract(resultsDisk, resultsDir, Duration.ofMinutes(2));
        return new JobResult(status, resultsDir, outputDisk, workDir.resolve("console.log"), bootMillis, totalMillis,
                uptime);
    }

    private static void verify(ImageChecksums checksums, IOException failure) throws IOException {
        try {
            checksums.verifyUnchanged();
        } catch (IOException changed) {
            if (failure != null) {
                changed.addSuppressed(failure);
            }
            throw changed;
        }
    }

    private static Path sparse(Path file, long bytes) throws IOException {
        Files.deleteIfExists(file);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(bytes);
        }
        return file;
    }
}
