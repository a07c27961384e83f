package io.qrescue.recovery.report;

import java.util.Locale;

/** Escaping and number formats for the report page. File names are user data: everything goes through here. */
final class Html {

    private Html() {
    }

    /**
     * {@code s} as HTML text or attribute value: markup characters become entities, control characters a visible
     * escape ("\n", "\x01"), and unpaired surrogates the replacement character.
     */
    static String text(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                        b.append(c).append(s.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        b.append('\uFFFD');
                    } else if (c < 0x20 || c == 0x7F) {
                        b.append(String.format("\\x%02x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    /** A size for people: "1.5 GiB", "512 B". */
    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, v < 10 ? "%.2f %s" : v < 100 ? "%.1f %s" : "%.0f %s", v, units[u]);
    }

    /** A fraction as a percentage with two decimals, never rounding a part up to "100.00%" or down to "0.00%". */
    static String percent(double fraction) {
        double p = fraction * 100;
        if (p > 99.99 && p < 100) {
            return "99.99%";
        }
        if (p > 0 && p < 0.01) {
            return "0.01%";
        }
        return String.format(Locale.ROOT, "%.2f%%", p);
    }
}
