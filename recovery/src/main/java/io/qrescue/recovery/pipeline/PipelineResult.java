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
 * @param upToDate  true when a rerun found everything done for the same mapfile and changed nothing
 */
public record PipelineResult(int exitCode, StackAnalysis analysis, DamageReport damage, List<VolumeOutcome> volumes,
        RescueReport report, boolean upToDate) {

    public PipelineResult {
        volumes = List.copyOf(volumes);
    }

    /**
     * One volume: where its image went, how many of its bytes lie on unreadable image bytes, its files (-1 when
     * it holds no ext4 file system or was not extracted) and the damaged ones, and a sentence when something
     * could not be done.
     */
    public record VolumeOutcome(String name, String imageFile, long sizeBytes, long damagedBytes, long fileCount,
            long damagedFiles, String problem) {
    }
}
