package io.qrescue.recovery.json;

/** JSON string literals. */
public final class JsonText {

    private JsonText() {
    }

    /**
     * Appends {@code s} as a JSON string to {@code b}. Quotes, backslashes and control characters are escaped,
     * and so are unpaired surrogates, which could not be encoded as UTF-8 (model strings come from firmware, file
     * names from users), and U+2028/U+2029, which end a line in JavaScript.
     */
    public static StringBuilder quote(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                default -> {
                    boolean pairedHigh = Character.isHighSurrogate(c) && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1));
                    if (pairedHigh) {
                        b.append(c).append(s.charAt(++i));
                    } else if (c < 0x20 || c == 0x7F || Character.isSurrogate(c) || c == '\u2028' || c == '\u2029') {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"');
    }

    /** {@code s} as a JSON string literal. */
    public static String quote(String s) {
        return quote(new StringBuilder(), s).toString();
    }
}
