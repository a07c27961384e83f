package io.qrescue.recovery.pipeline;

import java.util.Locale;

/**
 * The imaging rounds of a rescue job, in order of decreasing value; each is a ddrescue domain per disk with the whole
 * ddrescue algorithm inside it. {@code --until=ROUND} stops after one; a rerun continues.
 */
public enum ImagingRound {
    /** The storage stack's metadata and every filesystem's own, retried {@code --metadata-retries} times. */
    METADATA,
    /** The data of every file, retried {@code --retries} times. */
    FILES,
    /** The rest of every volume's mapped bytes: free filesystem space (no scraping, no retries) or, where the
     * files are unknown, everything with {@code --retries}. */
    VOLUMES,
    /** The rest of every disk: space no volume uses (no scraping, no retries). */
    DISK;

    /** The name on the command line and in file names: "metadata", "files", "volumes", "disk". */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The round named {@code text}, as {@link #key()} gives it. */
    public static ImagingRound parse(String text) {
        for (ImagingRound r : values()) {
            if (r.key().equals(text.toLowerCase(Locale.ROOT))) {
                return r;
            }
        }
        throw new IllegalArgumentException("--until: expected metadata, files, volumes or disk, not '" + text + "'");
    }
}
