package io.qrescue.recovery.cli.image;

import io.qrescue.imager.latency.LatencySnapshot;
import io.qrescue.imager.rescue.RescueStats;
import io.qrescue.mapfile.HumanNumbers;
import java.util.ArrayList;
import java.util.List;

/**
 * The texts of ddrescue 1.27's rescue status screen and of our log-friendly summary lines, as pure functions of
 * the engine's numbers. Sizes use ddrescue's format_num with SI prefixes, rates its 5-digit limit.
 */
final class ProgressFormat {

    /** Text of the data preview when the latest read returned nothing; centred as ddrescue does. */
    static final String NO_DATA = "                            No data available"
            + "                                 ";
    static final String BLANK_PREVIEW = " ".repeat(78);

    private ProgressFormat() {
    }

    /** A size as ddrescue shows it on the status screen: "67108 kB" without the unit's "B". */
    static String size(long bytes) {
        return HumanNumbers.formatNum(bytes, false);
    }

    /** A rate: ddrescue switches to the next prefix above 99999 here. */
    static String rate(long bytesPerSecond) {
        return HumanNumbers.formatNum(bytesPerSecond, 99999, false);
    }

    /**
     * ddrescue's format_time: "n/a" for negative values, else up to three of days, hours, minutes, seconds
     * ("1d  2h  3m", "10h 10m 10s"); {@code lowPrecision} drops the seconds once larger units are shown.
     */
    static String time(long seconds, boolean lowPrecision) {
        if (seconds < 0) {
            return "n/a";
        }
        long s = seconds % 60;
        long m = seconds / 60 % 60;
        long h = seconds / 3600 % 24;
        long d = seconds / 86400;
        StringBuilder b = new StringBuilder();
        if (d > 0) {
            b.append(d).append('d');
        }
        appendUnit(b, h, 'h', false);
        appendUnit(b, m, 'm', false);
        if ((s > 0 && b.length() <= 7 && !lowPrecision) || b.length() == 0) {
            appendUnit(b, s, 's', true);
        }
        return b.toString();
    }

    /** Adds "N" + unit, separated by one space, or two before a single digit; stops once the text is long. */
    private static void appendUnit(StringBuilder b, long value, char unit, boolean force) {
        if ((value > 0 || force) && b.length() <= 7) {
            if (b.length() > 0) {
                b.append(value < 10 ? "  " : " ");
            }
            b.append(value).append(unit);
        }
    }

    /** ddrescue's events-log time ("1d:02h:03m:04s", "3m:05s", "7s"). */
    static String timeDhms(long seconds) {
        long s = seconds % 60;
        long m = seconds / 60 % 60;
        long h = seconds / 3600 % 24;
        long d = seconds / 86400;
        if (d > 0) {
            return String.format("%dd:%02dh:%02dm:%02ds", d, h, m, s);
        }
        if (h > 0) {
            return String.format("%dh:%02dm:%02ds", h, m, s);
        }
        if (m > 0) {
            return String.format("%dm:%02ds", m, s);
        }
        return s + "s";
    }

    /**
     * The six lines of ddrescue's status block, without line ends.
     *
     * @param remainingSeconds the estimate, -1 for none
     * @param showSlowReads    true if -a was given: the last line then starts with the slow-read count
     */
    static List<String> statusLines(RescueStats s, long remainingSeconds, boolean showSlowReads) {
        List<String> lines = new ArrayList<>(6);
        lines.add(String.format("     ipos: %9sB, non-trimmed: %9sB,  current rate: %8sB/s",
                size(s.lastPos()), size(s.nonTrimmed()), rate(s.currentRate())));
        lines.add(String.format("     opos: %9sB, non-scraped: %9sB,  average rate: %8sB/s",
                size(s.lastPos() + s.outputOffset()), size(s.nonScraped()), rate(s.averageRate())));
        lines.add(String.format("non-tried: %9sB,  bad-sector: %9sB,    error rate: %8sB/s",
                size(s.nonTried()), size(s.badSector()), rate(s.errorRate())));
        lines.add(String.format("  rescued: %9sB,   bad areas: %8d,        run time: %11s",
                size(s.finished()), s.badAreas(), time(s.elapsedSeconds(), false)));
        lines.add(String.format("pct rescued:  %s, read errors:%9d,  remaining time: %11s",
                s.percentRescued(), s.readErrors(), time(remainingSeconds, remainingSeconds >= 180)));
        String start = showSlowReads ? String.format(" slow reads:%9d,", s.slowReads()) : " ".repeat(22);
        lines.add(String.format("%s        time since last successful read: %11s", start,
                time(s.secondsSinceLastGoodRead(), false)));
        return lines;
    }

    /**
     * ddrescue's data preview rows: 16 bytes each, as a 10-digit hex position, the bytes in hex with an extra
     * space after the eighth, and the printable characters.
     *
     * @param pos  input position of {@code data}, -1 if the latest read returned no data
     */
    static List<String> previewLines(long pos, byte[] data, int lines) {
        List<String> out = new ArrayList<>(lines);
        for (int i = 0; i < lines; i++) {
            if (pos < 0) {
                out.add(i == (lines - 1) / 2 ? NO_DATA : BLANK_PREVIEW);
                continue;
            }
            StringBuilder b = new StringBuilder(80);
            b.append(String.format("%010X ", (pos + 16L * i) & 0xFF_FFFF_FFFFL));
            for (int j = 0; j < 16; j++) {
                b.append(String.format(" %02X", data[16 * i + j] & 0xFF));
                if (j == 7) {
                    b.append(' ');
                }
            }
            b.append("  ");
            for (int j = 0; j < 16; j++) {
                int c = data[16 * i + j] & 0xFF;
                b.append(c >= 0x20 && c < 0x7F ? (char) c : '.');
            }
            out.add(b.toString());
        }
        return out;
    }

    /** Our one-line summary of the counters for logs, with ddrescue's labels and formats. */
    static String summary(RescueStats s) {
        return String.format("ipos: %sB, rescued: %sB, non-tried: %sB, non-trimmed: %sB, non-scraped: %sB, "
                + "bad-sector: %sB, bad areas: %d, read errors: %d, current rate: %sB/s, average rate: %sB/s",
                size(s.lastPos()), size(s.finished()), size(s.nonTried()), size(s.nonTrimmed()),
                size(s.nonScraped()), size(s.badSector()), s.badAreas(), s.readErrors(), rate(s.currentRate()),
                rate(s.averageRate()));
    }

    /** Our latency line (ddrescue has none): "read latency p50: 1.23 ms  p99: 40.0 ms  max: 2.00 s". */
    static String latencyLine(LatencySnapshot latency) {
        return String.format("read latency p50: %s  p99: %s  max: %s", duration(latency, latency.p50Nanos()),
                duration(latency, latency.p99Nanos()), duration(latency, latency.maxNanos()));
    }

    /** The same numbers for a log line, comma-separated like {@link #summary}. */
    static String latencySummary(LatencySnapshot latency) {
        return String.format("read latency p50: %s, p99: %s, max: %s", duration(latency, latency.p50Nanos()),
                duration(latency, latency.p99Nanos()), duration(latency, latency.maxNanos()));
    }

    private static String duration(LatencySnapshot latency, long nanos) {
        return latency.isEmpty() ? "-" : duration(nanos);
    }

    /**
     * A read duration with three significant digits in the largest unit that keeps it at least 1: "850 ns",
     * "12.3 \u00b5s", "4.00 ms", "2.50 s". Histogram values carry three significant digits, so more would lie.
     */
    static String duration(long nanos) {
        if (nanos < 1_000) {
            return nanos + " ns";
        }
        String[] units = {"\u00b5s", "ms", "s"};
        double value = nanos / 1_000.0;
        int unit = 0;
        while (value >= 1_000 && unit < units.length - 1) {
            value /= 1_000;
            ++unit;
        }
        // round first, so 999.95 ms becomes "1.00 s", not "1000 ms"
        double rounded = Double.parseDouble(String.format(java.util.Locale.ROOT, "%.3g", value));
        if (rounded >= 1_000 && unit < units.length - 1) {
            rounded /= 1_000;
            ++unit;
        }
        String digits = rounded >= 100 ? "%.0f" : rounded >= 10 ? "%.1f" : "%.2f";
        return String.format(java.util.Locale.ROOT, digits, rounded) + " " + units[unit];
    }

    /** The start of a log line: run time and percentage rescued, laid out as in ddrescue's events log. */
    static String logPrefix(long elapsedSeconds, String percentRescued) {
        return String.format("%14s  %s  ", timeDhms(elapsedSeconds), percentRescued);
    }
}
