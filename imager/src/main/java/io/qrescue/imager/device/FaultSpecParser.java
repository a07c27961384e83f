package io.qrescue.imager.device;

import io.qrescue.mapfile.Block;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Parses the fault spec language described in the package documentation. */
public final class FaultSpecParser {

    private FaultSpecParser() {
    }

    /**
     * The rules of {@code spec}, in order.
     *
     * @throws IllegalArgumentException naming the line, for any syntax error
     */
    public static List<FaultRule> parse(String spec) {
        List<FaultRule> rules = new ArrayList<>();
        String[] lines = spec.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int hash = line.indexOf('#');
            if (hash >= 0) {
                line = line.substring(0, hash);
            }
            line = line.strip();
            if (line.isEmpty()) {
                continue;
            }
            try {
                rules.add(parseRule(line.split("\\s+")));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("fault spec line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return List.copyOf(rules);
    }

    private static FaultRule parseRule(String[] words) {
        String kind = words[0].toLowerCase(Locale.ROOT);
        if (kind.equals("vanish")) {
            Map<String, String> keys = keyValues(words, 1);
            long after = parseSize(require(keys, "after"));
            long absent = keys.containsKey("reads") ? parseSize(keys.remove("reads")) : -1;
            requireEmpty(keys);
            return new FaultRule.Vanish(after, absent);
        }
        if (words.length < 3) {
            throw new IllegalArgumentException("'" + kind + "' needs a position and a size");
        }
        long pos = parseSize(words[1]);
        long size = parseSize(words[2]);
        if (size <= 0) {
            throw new IllegalArgumentException("size must be positive: " + words[2]);
        }
        Block range = new Block(pos, size);
        Map<String, String> keys = keyValues(words, 3);
        FaultRule rule = switch (kind) {
            case "bad" -> new FaultRule.HardBad(range);
            case "soft" -> new FaultRule.SoftBad(range, Math.toIntExact(parseSize(require(keys, "tries"))));
            case "slow" -> new FaultRule.Slow(range, parseDurationNanos(require(keys, "latency")));
            case "hang" -> new FaultRule.Hang(range, parseDurationNanos(require(keys, "time")));
            case "zeros" -> new FaultRule.Zeros(range);
            default -> throw new IllegalArgumentException("unknown fault kind '" + kind + "'");
        };
        requireEmpty(keys);
        return rule;
    }

    private static Map<String, String> keyValues(String[] words, int from) {
        Map<String, String> keys = new HashMap<>();
        for (int i = from; i < words.length; i++) {
            int eq = words[i].indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("expected key=value, got '" + words[i] + "'");
            }
            keys.put(words[i].substring(0, eq).toLowerCase(Locale.ROOT), words[i].substring(eq + 1));
        }
        return keys;
    }

    private static String require(Map<String, String> keys, String key) {
        String value = keys.remove(key);
        if (value == null) {
            throw new IllegalArgumentException("missing " + key + "=");
        }
        return value;
    }

    private static void requireEmpty(Map<String, String> keys) {
        if (!keys.isEmpty()) {
            throw new IllegalArgumentException("unknown keys " + keys.keySet());
        }
    }

    /** A C-style integer (decimal, 0x hex) with an optional k/M/G/T (powers of 1000) or Ki/Mi/Gi/Ti suffix. */
    static long parseSize(String text) {
        String t = text.strip();
        int end = t.length();
        long multiplier = 1;
        String[][] suffixes = {{"Ki", "1024"}, {"Mi", "1048576"}, {"Gi", "1073741824"}, {"Ti", "1099511627776"},
            {"k", "1000"}, {"M", "1000000"}, {"G", "1000000000"}, {"T", "1000000000000"}};
        boolean hex = t.startsWith("0x") || t.startsWith("0X");
        for (String[] s : suffixes) {
            if (!hex && t.endsWith(s[0])) {
                multiplier = Long.parseLong(s[1]);
                end -= s[0].length();
                break;
            }
        }
        String digits = t.substring(0, end);
        try {
            long value = hex ? Long.parseLong(digits.substring(2), 16) : Long.parseLong(digits);
            if (value < 0) {
                throw new IllegalArgumentException("negative number '" + text + "'");
            }
            return Math.multiplyExact(value, multiplier);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("bad number '" + text + "'", e);
        }
    }

    /** A decimal number of seconds, or with a unit: ns, us, ms, s, m, h. */
    static long parseDurationNanos(String text) {
        String t = text.strip();
        String[][] units = {{"ns", "1"}, {"us", "1000"}, {"ms", "1000000"}, {"s", "1000000000"},
            {"m", "60000000000"}, {"h", "3600000000000"}};
        long unit = 1_000_000_000L;
        for (String[] u : units) {
            if (t.endsWith(u[0])) {
                unit = Long.parseLong(u[1]);
                t = t.substring(0, t.length() - u[0].length());
                break;
            }
        }
        try {
            java.math.BigDecimal nanos = new java.math.BigDecimal(t).multiply(java.math.BigDecimal.valueOf(unit));
            if (nanos.signum() < 0) {
                throw new IllegalArgumentException("negative duration '" + text + "'");
            }
            return nanos.longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("bad duration '" + text + "'", e);
        }
    }
}
