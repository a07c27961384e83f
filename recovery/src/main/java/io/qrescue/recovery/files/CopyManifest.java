package io.qrescue.recovery.files;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The lists of a files directory that something else filled (the recovery VM), laid out as
 * {@link Ext4FileExtractor} lays out its own: DIR/files/ holds the copy; DIR/manifest.txt, DIR/SHA256SUMS and
 * DIR/damaged-files.txt describe it.
 */
public final class CopyManifest {

    /** What the lists count: regular files and their bytes. */
    public record Summary(long fileCount, long totalBytes) {
    }

    private CopyManifest() {
    }

    /**
     * Hashes every regular file under DIR/files (symlinks are listed, never followed) and writes the lists;
     * {@code damagedText} becomes damaged-files.txt as it is.
     */
    public static Summary write(Path dir, String damagedText) throws IOException {
        List<ManifestEntry> entries = Ext4FileExtractor.walk(dir.resolve(Ext4FileExtractor.FILES), Map.of());
        ManifestWriter.writeLists(entries, dir.resolve(Ext4FileExtractor.MANIFEST_TEXT),
                dir.resolve(Ext4FileExtractor.SHA256SUMS));
        TextFiles.writeAtomically(dir.resolve(Ext4FileExtractor.DAMAGED), damagedText);
        long files = 0;
        long bytes = 0;
        for (ManifestEntry e : entries) {
            if (e.kind() == ManifestEntry.Kind.FILE) {
                files++;
                bytes += e.sizeBytes();
            }
        }
        return new Summary(files, bytes);
    }
}
