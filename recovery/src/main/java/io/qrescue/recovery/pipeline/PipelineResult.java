package io.qrescue.recovery.pipeline;

import io.qrescue.recovery.analysis.DamageReport;
import io.qrescue.recovery.analysis.StackAnalysis;
import io.qrescue.recovery.report.RescueReport;
import java.util.List;

/**
 * What a rescue job ended with.
 *
 * @param exitCode  0 when every stage ran; else the first failing imaging run's code
 * @param analysis  the stack of the rescued image (null if imaging failed before anything could be read)
 * @param damage    the cost of every unreadable region (null likewise)
 * @param volumes   what happened to each volume
 * @param report    the report written (null likewise)
 * @param upToDate  true when a rerun found everything done for the same mapfiles and changed nothing
 * @param vmProblem why volumes that needed the recovery VM did not get it (missing qemu or kernel, a failed
 *                  boot), or null when none needed it, it ran, or {@code --vm=never} was asked for
 */
public record PipelineResult(int exitCode, StackAnalysis analysis, DamageReport damage, List<VolumeOutcome> volumes,
        RescueReport report, boolean upToDate, String vmProblem) {

    public PipelineResult {
        volumes = List.copyOf(volumes);
    }

    /**
     * One volume: where its image went, how many of its bytes are damaged (unreadable, or of unknown provenance),
     * its files (-1 when it holds no ext4 file system or was not extracted) and the damaged ones, and a sentence
     * when something could not be done; {@code viaVm}: its files were copied by the recovery VM (no per-file damage
     * known, no volume image); {@code doubt}: "N bytes of unknown provenance: CAUSE; marked non-tried in ..." (or
     * "; not extracted") when the volume holds bytes the stack's metadata could not vouch for, else null.
     */
    public record VolumeOutcome(String name, String imageFile, long sizeBytes, long damagedBytes, long fileCount,
            long damagedFiles, String problem, boolean viaVm, String doubt) {

        public VolumeOutcome(String name, String imageFile, long sizeBytes, long damagedBytes, long fileCount,
                long damagedFiles, String problem, boolean viaVm) {
            this(name, imageFile, sizeBytes, damagedBytes, fileCount, damagedFiles, problem, viaVm, null);
        }

        public VolumeOutcome(String name, String imageFile, long sizeBytes, long damagedBytes, long fileCount,
                long damagedFiles, String problem) {
            this(name, imageFile, sizeBytes, damagedBytes, fileCount, damagedFiles, problem, false, null);
        }
    }

    /** "VG/LV: N bytes of unknown provenance: ..." for each volume with such bytes (the job then fails: 2). */
    public List<String> doubts() {
        return volumes.stream().filter(v -> v.doubt() != null).map(v -> v.name() + ": " + v.doubt()).toList();
    }
}
