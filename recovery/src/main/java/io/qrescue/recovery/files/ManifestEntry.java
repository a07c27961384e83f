package io.qrescue.recovery.files;

/**
 * One thing copied out of a volume, by its path relative to the copy's root ('/'-separated).
 *
 * @param kind       what it is
 * @param sizeBytes  file size; 0 for directories and symlinks
 * @param sha256     lowercase hex digest of a regular file's bytes, else empty
 * @param linkTarget a symlink's target, else empty
 * @param damage     the file's damage from the impact analysis, or null when it is intact or not analysed
 */
public record ManifestEntry(String path, Kind kind, long sizeBytes, String sha256, String linkTarget,
                            DamagedFile damage) {

    /** The kinds of entries a copy holds. */
    public enum Kind { FILE, DIRECTORY, SYMLINK, OTHER }
}
