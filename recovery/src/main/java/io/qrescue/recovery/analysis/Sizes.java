package io.qrescue.recovery.analysis;

/** Byte counts for people: exact binary units when they divide evenly ("64 MiB"), else plain bytes. */
public final class Sizes {

    private Sizes() {
    }

    /** {@code bytes} as "N TiB/GiB/MiB/KiB" when an exact multiple, else "N bytes" (0 is "0"). */
    public static String human(long bytes) {
        if (bytes == 0) {
            return "0";
        }
        String[] units = {"TiB", "GiB", "MiB", "KiB"};
        for (int i = 0; i < units.length; i++) {
            long unit = 1L << (10 * (4 - i));
            if (bytes % unit == 0) {
                return bytes / unit + " " + units[i];
            }
        }
        return bytes + " bytes";
    }
}
