package io.qrescue.recovery.stack.finding;

/**
 * One observation about an on-disk structure: which structure ({@code "GPT header"}, {@code "md superblock 1.0"},
 * {@code "LVM mda header"}...), at which byte offset of the source that was read, and what was seen.
 */
public record Finding(Severity severity, String structure, long offsetBytes, String message) {

    public static Finding info(String structure, long offsetBytes, String message) {
        return new Finding(Severity.INFO, structure, offsetBytes, message);
    }

    public static Finding warning(String structure, long offsetBytes, String message) {
        return new Finding(Severity.WARNING, structure, offsetBytes, message);
    }

    public static Finding error(String structure, long offsetBytes, String message) {
        return new Finding(Severity.ERROR, structure, offsetBytes, message);
    }

    /** The same finding with its offset moved by {@code deltaBytes} (from a partition or array to the image). */
    public Finding shifted(long deltaBytes) {
        return new Finding(severity, structure, offsetBytes + deltaBytes, message);
    }

    @Override
    public String toString() {
        return severity + " " + structure + " @" + offsetBytes + ": " + message;
    }
}
