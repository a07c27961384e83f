package io.qrescue.bench.harness;

import io.qrescue.mapfile.MapfileHeader;
import io.qrescue.recovery.source.Extent;
import io.qrescue.recovery.source.ExtentMap;
import io.qrescue.recovery.source.FileImageSource;
import io.qrescue.recovery.source.Readability;
import io.qrescue.recovery.volume.ExtractionListener;
import io.qrescue.recovery.volume.ExtractionRequest;
import io.qrescue.recovery.volume.ExtractionResult;
import io.qrescue.recovery.volume.VolumeExtractor;
import io.qrescue.recovery.source.MappedSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Extracts a volume made of the given extents of an image, as {@code bench/scripts/extract.sh} times it against
 * dd: the engine of {@code qrescue extract} without a stack reader in front of it.
 *
 * <p>Usage: {@code ExtractionRun IMAGE OUT VOLUME_BYTES LOGICAL:PHYSICAL:LENGTH,... RESULT_FILE}; extents in
 * logical order, gaps are holes. The result file gets "size mapped written damaged" in bytes, then the seconds
 * {@code VolumeExtractor.extract} took (the engine alone: no JVM start-up, the output forced to the disk).
 */
public final class ExtractionRun {

    private ExtractionRun() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 5) {
            throw new IllegalArgumentException("usage: ExtractionRun IMAGE OUT VOLUME_BYTES L:P:N,... RESULT_FILE");
        }
        ExtentMap.Builder map = ExtentMap.builder();
        for (String extent : args[3].split(",")) {
            String[] f = extent.split(":");
            map.add(new Extent(Long.parseLong(f[0]), Long.parseLong(f[2]), Long.parseLong(f[1])));
        }
        Path out = Path.of(args[1]);
        try (FileImageSource image = FileImageSource.open(Path.of(args[0]))) {
            MappedSource volume = new MappedSource(image, map.build(Long.parseLong(args[2])));
            MapfileHeader header = new MapfileHeader("qrescue bench", "ExtractionRun", "-", null);
            long startNanos = System.nanoTime();
            ExtractionResult r = new VolumeExtractor().extract(volume, new ExtractionRequest(out,
                    ExtractionRequest.defaultMapfile(out), header, true, ExtractionRequest.DEFAULT_CHUNK_BYTES),
                    ExtractionListener.NONE);
            double engineSeconds = (System.nanoTime() - startNanos) / 1e9;
            Files.writeString(Path.of(args[4]), r.sizeBytes() + " " + r.mappedBytes() + " " + r.writtenBytes() + " "
                    + r.damagedBytes() + " " + String.format(java.util.Locale.ROOT, "%.6f", engineSeconds) + "\n",
                    StandardCharsets.US_ASCII);
        }
    }
}
