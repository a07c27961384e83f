package io.qrescue.recovery.vm.rescue;

import io.qrescue.recovery.vm.VmException;
import io.qrescue.recovery.vm.appliance.Appliance;
import io.qrescue.recovery.vm.job.Job;
import io.qrescue.recovery.vm.job.JobOptions;
import io.qrescue.recovery.vm.job.JobResult;
import io.qrescue.recovery.vm.job.JobRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The recovery VM's view of every volume on the given images: the appliance assembles md read-only, restores
 * host-supplied stock metadata into qemu's overlay, activates every LV it can (thin volumes, snapshots, linear;
 * not pool internals) and digests each one's bytes from /dev/VG/LV, whole and per chunk. The images are attached
 * so the guest cannot change them, checked by sha256 before and after.
 */
public final class VolumeDigests {
    /** After the boot job's start and stack parts (assemble, restore, activate), this digests what they activated. */
    static final String SCRIPT = "/io/qrescue/recovery/vm/rescue/volume-digests.sh";
    /** The chunk the guest digests by unless told otherwise. */
    public static final int DEFAULT_CHUNK_BYTES = 1 << 20;
    /** The file the job leaves in its results. */
    static final String DIGESTS = "digests";

    /** What the VM saw: the stack report (with a "digest" step per volume) and the digests; the job's timings. */
    public record Outcome(StackReport report, List<VolumeDigest> volumes, JobResult job) {
    }

    private final JobRunner runner;
    private final Appliance appliance;

    public VolumeDigests(JobRunner runner, Appliance appliance) {
        this.runner = runner;
        this.appliance = appliance;
    }

    /**
     * Digests every volume the VM can activate on {@code images}, in chunks of {@code chunkBytes}, after restoring
     * {@code metadataByVg} (stock lvm2 text per VG, as for {@link BootRescue#run}); {@code workDir} (created) keeps
     * the console log and the job's results.
     */
    public Outcome run(List<Path> images, Map<String, String> metadataByVg, int chunkBytes, BootOptions options,
            Path workDir) throws IOException, InterruptedException {
        if (chunkBytes < 512 || chunkBytes % 512 != 0) {
            throw new IllegalArgumentException("chunk size " + chunkBytes + " is not a positive multiple of 512");
        }
        long imageBytes = BootRescue.totalBytes(images);
        Map<String, byte[]> inputs = BootRescue.restoreInputs(metadataByVg);
        String script = "STEP_SECONDS=" + options.stepTimeout().toSeconds() + "\nCHUNK_BYTES=" + chunkBytes + "\n"
                + BootRescue.resource(BootRescue.START_SCRIPT) + BootRescue.resource(BootRescue.STACK_SCRIPT)
                + BootRescue.resource(SCRIPT);
        // one ~100-byte line per chunk; thin volumes may add up to far more than the images, the disk is sparse
        long resultBytes = (64L << 20) + imageBytes / chunkBytes * 128 * 128;
        JobOptions jobOptions = new JobOptions(options.accelerator(), options.memoryMiB(),
                BootRescue.imageDisks(images), options.bootTimeout(), options.jobTimeout(), resultBytes, 0, "");
        JobResult job = runner.run(appliance, new Job(script, inputs), jobOptions, workDir);
        Files.deleteIfExists(workDir.resolve("results.img"));
        Files.deleteIfExists(workDir.resolve("job.tar"));
        if (job.exitStatus() != 0) {
            throw new VmException("the volume-digests job ended with exit " + job.exitStatus() + " (console: "
                    + job.consoleLog() + ")");
        }
        StackReport report = StackReport.parse(job.result("report").map(BootRescue::read).orElse(""));
        Path digests = job.result(DIGESTS).orElseThrow(() -> new VmException("the volume-digests job left no "
                + DIGESTS + " file (console: " + job.consoleLog() + ")"));
        try {
            return new Outcome(report, VolumeDigestList.parse(BootRescue.read(digests), digests.toString()), job);
        } catch (VolumeDigestList.MalformedDigestsException e) {
            throw new VmException(e.getMessage(), e);
        }
    }
}
