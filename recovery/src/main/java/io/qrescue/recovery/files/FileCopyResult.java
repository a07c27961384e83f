package io.qrescue.recovery.files;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link Ext4FileExtractor} wrote.
 *
 * @param filesDir    root of the copied tree
 * @param manifestText one line per regular file: sha256, size, path
 * @param warnings    what debugfs reported about files it could not copy faithfully
 */
public record FileCopyResult(Path filesDir, Path manifestText, Path sha256Sums, Path manifestJson,
                               Path damagedList, List<ManifestEntry> entries, long fileCount, long totalBytes,
                               List<String> warnings) {

    public FileCopyResult {
        entries = List.copyOf(entries);
        warnings = List.copyOf(warnings);
    }
}
