package io.qrescue.recovery.pipeline;

import io.qrescue.mapfile.BlockMap;
import io.qrescue.recovery.report.RescueReport;
import io.qrescue.recovery.source.Readability;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Counts what imaging a disk cost from the reads logs ({@code --log-reads}) of its imaging runs: one line per read,
 * {@code 0xPOS<TAB>size<TAB>copied<TAB>failed}.
 */
final class ReadCounts {

    private ReadCounts() {
    }

    /**
     * The counters of one disk.
     *
     * @param logs          its reads logs, in run order
     * @param finalMap      its map now: a bad-area read touches a sector that is not finished in it
     * @param untilFiles    how many of {@code logs} (the first ones) were read by the time the files round ended,
     *                      -1 when it has not ended
     */
    static RescueReport.Imaging of(List<Path> logs, BlockMap finalMap, int untilFiles) throws IOException {
        Readability readable = Readability.of(finalMap);
        long reads = 0;
        long bad = 0;
        long bytes = 0;
        long bytesWhenFiles = -1;
        for (int i = 0; i < logs.size(); i++) {
            try (BufferedReader r = Files.newBufferedReader(logs.get(i), StandardCharsets.ISO_8859_1)) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (!line.startsWith("0x")) {
                        continue;
                    }
                    String[] f = line.split("\t");
                    long pos = Long.parseLong(f[0].substring(2), 16);
                    long size = Long.parseLong(f[1]);
                    long failed = Long.parseLong(f[3]);
                    reads++;
                    bytes += size;
                    // a read that copied everything made its sectors finished, and finished never changes back
                    if (failed > 0 && !readable.isReadable(pos, size)) {
                        bad++;
                    }
                }
            }
            if (i + 1 == untilFiles) {
                bytesWhenFiles = bytes;
            }
        }
        if (untilFiles == 0) {
            bytesWhenFiles = 0;
        }
        return new RescueReport.Imaging(reads, bad, bytes, bytesWhenFiles);
    }
}
