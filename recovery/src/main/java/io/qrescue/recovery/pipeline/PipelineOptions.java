package io.qrescue.recovery.pipeline;

import io.qrescue.imager.rescue.RescueOptions;
import io.qrescue.recovery.imaging.QrescueOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What a rescue job works on.
 *
 * @param sources          the failing disks (or images of them), in a fixed order; only ever read
 * @param workdir          where everything goes (see {@link Workdir})
 * @param metadataRetries  retry passes over bad sectors in metadata areas (ddrescue -r)
 * @param retries          retry passes over the rest of the disks
 * @param maxDiscoveryRounds how many times at most to image newly found metadata and look again
 * @param imageOptions     the ddrescue options of every imaging round (e.g. {@code -d}, {@code -q}); each round
 *                         sets its own domain mapfile and retry passes on top
 * @param own              qrescue's own options of every imaging round (e.g. simulated faults)
 * @param vm               whether volumes the Java readers cannot place go through the {@link VmFallback}
 * @param until            the last imaging round of this run ({@code --until}); a later run continues
 */
public record PipelineOptions(List<Path> sources, Path workdir, int metadataRetries, int retries,
        int maxDiscoveryRounds, RescueOptions imageOptions, QrescueOptions own, VmFallback.Mode vm,
        ImagingRound until) {

    /** Every round, to the whole disk. */
    public PipelineOptions(List<Path> sources, Path workdir, int metadataRetries, int retries,
            int maxDiscoveryRounds, RescueOptions imageOptions, QrescueOptions own, VmFallback.Mode vm) {
        this(sources, workdir, metadataRetries, retries, maxDiscoveryRounds, imageOptions, own, vm, ImagingRound.DISK);
    }

    public PipelineOptions {
        sources = List.copyOf(sources);
        Objects.requireNonNull(workdir, "workdir");
        Objects.requireNonNull(vm, "vm");
        Objects.requireNonNull(until, "until");
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("no source disk given");
        }
        if (metadataRetries < 0 || retries < 0 || maxDiscoveryRounds < 1) {
            throw new IllegalArgumentException("retries must be >= 0 and discovery rounds >= 1");
        }
        Objects.requireNonNull(imageOptions, "imageOptions");
        Objects.requireNonNull(own, "own");
    }

    /** One source, no VM fallback (the job as it was before there were several). */
    public PipelineOptions(Path source, Path workdir, int metadataRetries, int retries, int maxDiscoveryRounds,
            RescueOptions imageOptions, QrescueOptions own) {
        this(List.of(source), workdir, metadataRetries, retries, maxDiscoveryRounds, imageOptions, own,
                VmFallback.Mode.NEVER);
    }

    /** These options with the rounds of this run ending after {@code last}. */
    public PipelineOptions withUntil(ImagingRound last) {
        return new PipelineOptions(sources, workdir, metadataRetries, retries, maxDiscoveryRounds, imageOptions, own,
                vm, last);
    }
}
