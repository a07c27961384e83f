package io.qrescue.recovery.cli.image;

import io.qrescue.recovery.cli.gnu.GnuArgParser.HasArg;
import io.qrescue.recovery.cli.gnu.GnuArgParser.Option;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Seeded random ddrescue command lines drawn from ddrescue's option table: values that are valid, out of
 * range or malformed, long options abbreviated, short options clustered, operands in odd places. The file
 * names refer to the files {@link ImageDifferentialTest} creates.
 */
final class RandomDdrescueCommandLines {

    private static final String[] DIGITS = {"0", "1", "7", "3", "512", "4096", "65536", "100000", "0x10", "0X1f",
            "010", "08", "-1", "-2", "+5", " 9", "99999999999999999999", "9223372036854775807", "", "x", "1.5"};
    private static final String[] MULTIPLIERS = {"", "", "", "", "k", "K", "Ki", "ki", "M", "Mi", "G", "Gi", "T",
            "Ti", "P", "E", "Ei", "Z", "Y", "Yi", "s", "B", "kB", "Kis", "MiB", "iB", "ss", "sB", "Bs", "kk", "x", ","};
    private static final String[] TIMES = {"0", "1", "5", "30", "300", "1.5", ".5", "0.25", "1/2", "1/3", "1/0", "1/",
            "-1", "-0", "2147483647", "3000000000", "12%", "100%", "", "x", "5.", " 7", "0.001", "1/100", "1/101"};
    private static final String[] UNITS = {"", "", "", "s", "m", "h", "d", "x", "s,", ",", "sx", "S"};
    private static final String[] FILES = {"in", "out", "map", "new.map", "hard", "in.bak", "map.bak", "/dev/null", "dir"};
    private static final String[] MAPS = {"dom.map", "gaps.map", "map", "nothere", "dir", "-"};
    private static final String[] LOGS = {"events.log", "-", "/dev/null", "dir", "in"};

    private final Random random;

    RandomDdrescueCommandLines(long seed) {
        this.random = new Random(seed);
    }

    /**
     * A command line: options (each complete with its value), then "-s0" so that whatever ddrescue accepts
     * ends at once with "Nothing to do", then the operands and, now and then, an option missing its value.
     */
    List<String> next() {
        List<String> words = new ArrayList<>();
        int options = random.nextInt(5);
        List<String> pendingShortFlags = new ArrayList<>();
        for (int i = 0; i < options; i++) {
            Option option = pickOption();
            String value = option.hasArg() == HasArg.NO ? null : valueFor(option);
            boolean useLong = option.code() >= 256 || random.nextInt(3) == 0;
            if (!useLong && option.hasArg() == HasArg.NO && random.nextBoolean()) {
                pendingShortFlags.add(String.valueOf((char) option.code())); // clustered later
                continue;
            }
            if (useLong) {
                String name = "--" + abbreviated(option.longName());
                if (value == null) {
                    words.add(name);
                } else if (option.hasArg() == HasArg.MAYBE || random.nextBoolean()) {
                    words.add(name + "=" + value);
                } else {
                    words.add(name);
                    words.add(value);
                }
            } else {
                String name = "-" + (char) option.code();
                if (value == null) {
                    words.add(name);
                } else if (option.hasArg() == HasArg.MAYBE || random.nextBoolean() || value.isEmpty()) {
                    words.add(name + value);
                } else {
                    words.add(name);
                    words.add(value);
                }
            }
        }
        if (!pendingShortFlags.isEmpty()) {
            words.add(random.nextInt(words.size() + 1), "-" + String.join("", pendingShortFlags));
        }
        words.add("-s0");
        // operands may be mixed with options (ddrescue moves them after the options) but keep their order
        int earliest = 0;
        for (String operand : operands()) {
            int at = random.nextInt(8) == 0 ? earliest + random.nextInt(words.size() - earliest + 1) : words.size();
            words.add(at, operand);
            earliest = at + 1;
        }
        if (random.nextInt(40) == 0) {
            words.add(random.nextBoolean() ? "-K" : "--cpass");
        }
        return words;
    }

    private Option pickOption() {
        List<Option> table = DdrescueArgumentParser.OPTIONS;
        while (true) {
            Option option = table.get(random.nextInt(table.size()));
            int c = option.code();
            // -h and -V would end every line early; a few more are kept rare so other checks get their turn
            if (c == 'h' || c == 'V') {
                continue;
            }
            if ((c == 'q' || c == 'G' || c == 'w' || c == 257 || c == 'c') && random.nextInt(4) != 0) {
                continue;
            }
            return option;
        }
    }

    private String abbreviated(String longName) {
        if (random.nextInt(3) != 0) {
            return longName;
        }
        return longName.substring(0, 1 + random.nextInt(longName.length()));
    }

    private String valueFor(Option option) {
        return switch (option.code()) {
            case 'F' -> randomChars("?*/-+lix", random.nextInt(4));
            case 'H', 'm' -> pick(MAPS);
            case 'K' -> skipSize();
            case 'T', 259, 265 -> time();
            case 264 -> (random.nextBoolean() ? "s" : "") + time();
            case 258 -> random.nextBoolean() ? pick(new String[] {"1", "1-5", "2,4", "0", "5", "1-3,5", "3-2", "6"})
                    : randomChars("0123456-,", 1 + random.nextInt(5));
            case 262 -> mapfileInterval();
            case 261, 266, 267 -> pick(LOGS);
            case 'c' -> pick(new String[] {"1", "16", "128", "0", "-1", "x", "1s", "4096"});
            case 'b' -> pick(new String[] {"512", "4096", "1", "2048", "1000", "0", "256Mi", "257Mi", "1k", "1s"});
            case 'P' -> random.nextBoolean() ? "" : number();
            default -> number();
        };
    }

    private String number() {
        return pick(DIGITS) + pick(MULTIPLIERS);
    }

    private String time() {
        return pick(TIMES) + pick(UNITS);
    }

    private String skipSize() {
        Function<Void, String> size = v -> random.nextInt(3) == 0 ? number()
                : pick(new String[] {"0", "64Ki", "65535", "65536", "1Mi", "128s", "1Ei", "2Ei", "100000", ""});
        return switch (random.nextInt(4)) {
            case 0 -> size.apply(null);
            case 1 -> "," + size.apply(null);
            case 2 -> size.apply(null) + "," + size.apply(null);
            default -> size.apply(null) + "," + size.apply(null) + (random.nextBoolean() ? "," : "x");
        };
    }

    private String mapfileInterval() {
        return switch (random.nextInt(4)) {
            case 0 -> time();
            case 1 -> "," + time();
            case 2 -> (random.nextBoolean() ? "-1" : time()) + "," + time();
            default -> pick(new String[] {"-1", "-1,60", "0,5", "30,10", "3,4s", "30,60,", "-2"});
        };
    }

    private List<String> operands() {
        int count = switch (random.nextInt(20)) {
            case 0 -> 0;
            case 1 -> 1;
            case 2 -> 4;
            case 3, 4, 5 -> 2;
            default -> 3;
        };
        List<String> operands = new ArrayList<>(List.of("in", "out", "map"));
        if (random.nextInt(4) == 0) {
            operands.set(1, pick(FILES));
        }
        if (random.nextInt(4) == 0) {
            operands.set(2, pick(FILES));
        }
        if (random.nextInt(10) == 0) {
            // an infile that cannot be opened is the engine's business; these either exist or clash by name
            operands.set(0, pick(new String[] {"hard", "in.bak"}));
        }
        operands.add("extra");
        return operands.subList(0, count);
    }

    private String randomChars(String alphabet, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    private String pick(String[] choices) {
        return choices[random.nextInt(choices.length)];
    }
}
