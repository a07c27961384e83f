package io.qrescue.imager.testing;

import io.qrescue.imager.rescue.CopyPasses;
import io.qrescue.imager.rescue.RescueOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * The subset of ddrescue's command line used by the golden vectors and the differential tests, turned into
 * {@link RescueOptions}. Numbers are plain C integers with an optional Ki/Mi/k/M suffix; the real option parser
 * is the CLI's job.
 */
public final class DdrescueCommand {

    public final RescueOptions.Builder options = RescueOptions.builder();
    public String testMap;
    public String domainMap;
    public boolean loose;
    public String readsLog;
    public String eventsLog;
    public final List<String> files = new ArrayList<>();

    /** Parses {@code args} (without the program name). */
    public static DdrescueCommand parse(List<String> args) {
        DdrescueCommand c = new DdrescueCommand();
        long maxSkip = RescueOptions.MAX_MAX_SKIP_SIZE;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.startsWith("--")) {
                int eq = a.indexOf('=');
                String name = eq < 0 ? a.substring(2) : a.substring(2, eq);
                String value = eq < 0 ? null : a.substring(eq + 1);
                switch (name) {
                    case "cpass" -> c.options.copyPasses(CopyPasses.parse(value));
                    case "log-reads" -> c.readsLog = value;
                    case "log-events" -> c.eventsLog = value;
                    case "delay-slow" -> c.options.delaySlowSeconds(Long.parseLong(value));
                    default -> throw new IllegalArgumentException("unsupported option " + a);
                }
                continue;
            }
            if (!a.startsWith("-") || a.length() < 2) {
                c.files.add(a);
                continue;
            }
            char opt = a.charAt(1);
            String attached = a.substring(2);
            if ("vqSnNRuAMLCt".indexOf(opt) >= 0) {
                for (char flag : a.substring(1).toCharArray()) {
                    switch (flag) {
                        case 'v', 'q' -> { }
                        case 'S' -> c.options.sparse(true);
                        case 'n' -> c.options.noScrape(true);
                        case 'N' -> c.options.noTrim(true);
                        case 'R' -> c.options.reverse(true);
                        case 'u' -> c.options.unidirectional(true);
                        case 'A' -> c.options.tryAgain(true);
                        case 'M' -> c.options.retrim(true);
                        case 'L' -> c.loose = true;
                        case 'C' -> c.options.completeOnly(true);
                        case 't' -> c.options.truncateOutput(true);
                        default -> throw new IllegalArgumentException("unsupported flag in " + a);
                    }
                }
                continue;
            }
            String value = attached.isEmpty() ? args.get(++i) : attached;
            switch (opt) {
                case 'r' -> c.options.maxRetries(Integer.parseInt(value));
                case 'c' -> c.options.clusterSectors(Integer.parseInt(value));
                case 'b' -> c.options.sectorSize((int) number(value));
                case 'X' -> c.options.maxReadErrors(number(value));
                case 'e' -> c.options.maxBadAreas(number(value.startsWith("+") ? value.substring(1) : value),
                        value.startsWith("+"));
                case 'i' -> c.options.inputPosition(number(value));
                case 's' -> c.options.maxSize(number(value));
                case 'o' -> c.options.outputPosition(number(value));
                case 'H' -> c.testMap = value;
                case 'm' -> c.domainMap = value;
                case 'E' -> c.options.maxErrorRate(number(value));
                case 'T' -> c.options.timeoutSeconds(number(value));
                case 'Z' -> c.options.maxReadRate(number(value));
                case 'a' -> c.options.minReadRate(number(value));
                case 'K' -> {
                    int comma = value.indexOf(',');
                    String initial = comma < 0 ? value : value.substring(0, comma);
                    if (!initial.isEmpty()) {
                        c.options.skipSize(number(initial));
                    }
                    if (comma >= 0) {
                        maxSkip = number(value.substring(comma + 1));
                    }
                }
                default -> throw new IllegalArgumentException("unsupported option " + a);
            }
        }
        c.options.maxSkipSize(maxSkip);
        return c;
    }

    /** A C integer with an optional k, Ki, M, Mi, G, Gi suffix and an optional trailing B. */
    public static long number(String text) {
        String t = text.endsWith("B") ? text.substring(0, text.length() - 1) : text;
        long multiplier = 1;
        String[][] suffixes = {{"Ki", "1024"}, {"Mi", "1048576"}, {"Gi", "1073741824"}, {"k", "1000"},
            {"M", "1000000"}, {"G", "1000000000"}};
        for (String[] s : suffixes) {
            if (t.endsWith(s[0]) && !t.startsWith("0x")) {
                multiplier = Long.parseLong(s[1]);
                t = t.substring(0, t.length() - s[0].length());
                break;
            }
        }
        long value = t.startsWith("0x") ? Long.parseLong(t.substring(2), 16) : Long.parseLong(t);
        return value * multiplier;
    }
}
