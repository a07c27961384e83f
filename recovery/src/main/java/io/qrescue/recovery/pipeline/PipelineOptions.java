package io.qrescue.recovery.pipeline;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What a rescue job works on.
 *
 * @param source           the failing disk (or an image of it); only ever read
 * @param workdir          where everything goes (see {@link Workdir})
 * @param metadataRetries  retry passes over bad sectors in metadata areas (ddrescue -r)
 * @param retries          retry passes over the rest of the disk
 * @param maxDiscoveryRounds how many times at most to image newly found metadata and look again
 * @param imageArgs        more arguments for every imaging run (e.g. {@code -d}, {@code --simulate=FILE})
 */
public record PipelineOptions(Path source, Path workdir, int metadataRetries, int retries, int maxDiscoveryRounds,
        List<String> imageArgs) {

    public PipelineOptions {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(workdir, "workdir");
        if (metadataRetries < 0 || retries < 0 || maxDiscoveryRounds < 1) {
            throw new IllegalArgumentException("retries must be >= 0 and discovery rounds >= 1");
        }
        imageArgs = List.copyOf(imageArgs);
    }
}
