package io.qrescue.mapfile;

/** ddrescue's number formats for people: sizes with SI or binary prefixes, and percentages. */
public final class HumanNumbers {

    private static final String[] SI_PREFIX = {"k", "M", "G", "T", "P", "E", "Z", "Y"};
    private static final String[] BINARY_PREFIX = {"Ki", "Mi", "Gi", "Ti", "Pi", "Ei", "Zi", "Yi"};

    private HumanNumbers() {
    }

    /**
     * ddrescue's format_num: divides by 1000 (or 1024) while the magnitude exceeds {@code limit} (clamped to
     * 999..999999) and returns "N P" with the prefix, or "N " without one (note the space).
     */
    public static String formatNum(long num, long limit, boolean binaryPrefixes) {
        int factor = binaryPrefixes ? 1024 : 1000;
        String[] prefixes = binaryPrefixes ? BINARY_PREFIX : SI_PREFIX;
        String prefix = "";
        limit = Math.max(999L, Math.min(999999L, limit));
        for (int i = 0; i < 8 && Math.abs(num) > limit; i++) {
            num /= factor;
            prefix = prefixes[i];
        }
        return num + " " + prefix;
    }

    /** {@link #formatNum(long, long, boolean)} with ddrescue's default limit 999999. */
    public static String formatNum(long num, boolean binaryPrefixes) {
        return formatNum(num, 999999, binaryPrefixes);
    }

    /**
     * ddrescue's format_percentage: {@code num/den} as a percentage whose integer part is right-aligned in
     * {@code intWidth} characters, with {@code precision} decimals (negative: at most that many, trailing zeros
     * dropped), rounding the last decimal half up when {@code rounding}.
     */
    public static String formatPercentage(long num, long den, int intWidth, int precision, boolean rounding) {
        if (den < 0) {
            num = -num;
            den = -den;
        }
        if (Math.abs(num) <= Long.MAX_VALUE / 100 && den <= Long.MAX_VALUE / 10) {
            num *= 100;
        } else if (Math.abs(num) <= Long.MAX_VALUE / 10) {
            num *= 10;
            den /= 10;
        } else {
            den /= 100;
        }
        if (den == 0) {
            return num > 0 ? "+INF" : num < 0 ? "-INF" : "NAN";
        }
        boolean trunc = precision < 0;
        int prec = Math.abs(precision);
        StringBuilder buf = new StringBuilder();
        String integerPart = (num < 0 && num / den == 0) ? "-0" : Long.toString(num / den);
        buf.append(" ".repeat(Math.max(0, intWidth - integerPart.length()))).append(integerPart);
        long rest = Math.abs(num) % den;
        if (prec > 0 && (rest > 0 || !trunc)) {
            buf.append('.');
            while (prec > 0 && (rest > 0 || !trunc)) {
                rest *= 10;
                buf.append((char) ('0' + rest / den));
                rest %= den;
                --prec;
            }
        }
        if (rounding && rest * 2 >= den) {
            roundUp(buf);
        }
        return buf.append('%').toString();
    }

    /** ddrescue's default percentage: width 3, up to two decimals, rounded. */
    public static String formatPercentage(long num, long den) {
        return formatPercentage(num, den, 3, -2, true);
    }

    /** Adds one unit in the last digit of the decimal text in {@code buf}, carrying as ddrescue does. */
    private static void roundUp(StringBuilder buf) {
        for (int j = buf.length() - 1; j >= 0; --j) {
            char c = buf.charAt(j);
            if (c == '.') {
                continue;
            }
            if (c >= '0' && c < '9') {
                buf.setCharAt(j, (char) (c + 1));
                return;
            }
            if (c == '9') {
                buf.setCharAt(j, '0');
            }
            if (j > 0 && buf.charAt(j - 1) == '.') {
                continue;
            }
            if (j > 0 && buf.charAt(j - 1) == ' ') {
                buf.setCharAt(j - 1, '1');
                return;
            }
            if (j > 1 && buf.charAt(j - 2) == ' ' && buf.charAt(j - 1) == '-') {
                buf.setCharAt(j - 2, '-');
                buf.setCharAt(j - 1, '1');
                return;
            }
            if (j == 0 || buf.charAt(j - 1) < '0' || buf.charAt(j - 1) > '9') {
                // ddrescue shifts the digits right inside its buffer, losing the last character
                buf.insert(j, '1');
                buf.setLength(buf.length() - 1);
                return;
            }
        }
    }

    /**
     * ddrescue's format_num3: a number with its largest exact binary (then SI) prefix, digits in groups of
     * three separated by '_' when it has five or more digits.
     */
    public static String formatNum3(long num) {
        final String siPrefix = "kMGTPEZY";
        final String binaryPrefix = "KMGTPEZY";
        StringBuilder suffix = new StringBuilder();
        boolean negative = num < 0;
        char prefix = 0;
        for (int i = 0; i < 8 && num != 0 && (num / 1024) * 1024 == num; i++) {
            num /= 1024;
            prefix = binaryPrefix.charAt(i);
        }
        if (prefix != 0) {
            suffix.append(prefix).append('i');
        } else {
            for (int i = 0; i < 8 && num != 0 && (num / 1000) * 1000 == num; i++) {
                num /= 1000;
                prefix = siPrefix.charAt(i);
            }
            if (prefix != 0) {
                suffix.append(prefix);
            }
        }
        boolean split = num >= 10000 || num <= -10000;
        StringBuilder digits = new StringBuilder();
        int group = 0;
        while (true) {
            long onum = num;
            num /= 10;
            digits.append((char) ('0' + Math.abs(onum - 10 * num)));
            if (num == 0) {
                break;
            }
            if (split && ++group >= 3) {
                group = 0;
                digits.append('_');
            }
        }
        if (negative) {
            digits.append('-');
        }
        return digits.reverse().append(suffix).toString();
    }
}
