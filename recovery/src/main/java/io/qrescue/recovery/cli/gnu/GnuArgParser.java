package io.qrescue.recovery.cli.gnu;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits argv into options and operands the way ddrescue's Arg_parser does: options may be mixed with
 * operands (operands are moved after the options), {@code --} ends the options, short options cluster
 * ({@code -vvn}), long options may be abbreviated when unambiguous, and an optional argument must be attached
 * ({@code -c?+}, {@code --name=value}).
 */
public final class GnuArgParser {

    /** Whether an option takes an argument. */
    public enum HasArg { NO, YES, MAYBE }

    /**
     * One option a command accepts.
     *
     * @param code     the short option letter, or a value above 255 for a long-only option
     * @param longName the long name without dashes, or null
     */
    public record Option(int code, String longName, HasArg hasArg) {
    }

    /**
     * One parsed item: an option (code != 0) with its argument ("" when none), or an operand (code 0).
     *
     * @param parsedName "-x" or "--long-name" as ddrescue names the option in messages
     */
    public record Item(int code, String parsedName, String argument) {
        public boolean isOperand() {
            return code == 0;
        }
    }

    private GnuArgParser() {
    }

    /**
     * Parses {@code args}.
     *
     * @throws UsageException with ddrescue's message for an unknown, ambiguous or incomplete option
     */
    public static List<Item> parse(String[] args, List<Option> options) throws UsageException {
        List<Item> items = new ArrayList<>();
        List<String> operands = new ArrayList<>();
        int i = 0;
        while (i < args.length) {
            String arg = args[i];
            if (arg.length() >= 2 && arg.charAt(0) == '-') {
                String next = i + 1 < args.length ? args[i + 1] : null;
                if (arg.charAt(1) == '-') {
                    if (arg.length() == 2) {
                        ++i;
                        break;
                    }
                    i = parseLong(arg, next, options, items, i);
                } else {
                    i = parseShort(arg, next, options, items, i);
                }
            } else {
                operands.add(arg);
                ++i;
            }
        }
        for (String operand : operands) {
            items.add(new Item(0, "", operand));
        }
        while (i < args.length) {
            items.add(new Item(0, "", args[i++]));
        }
        return items;
    }

    private static int parseLong(String opt, String next, List<Option> options, List<Item> items, int argIndex)
            throws UsageException {
        int eq = opt.indexOf('=', 2);
        String name = eq >= 0 ? opt.substring(2, eq) : opt.substring(2);
        Option found = null;
        boolean exact = false;
        boolean ambiguous = false;
        for (Option option : options) {
            if (option.longName() != null && option.longName().startsWith(name)) {
                if (option.longName().length() == name.length()) {
                    found = option;
                    exact = true;
                    break;
                } else if (found == null) {
                    found = option;
                } else if (found.code() != option.code() || found.hasArg() != option.hasArg()) {
                    ambiguous = true;
                }
            }
        }
        if (ambiguous && !exact) {
            throw new UsageException("option '" + opt + "' is ambiguous", true);
        }
        if (found == null) {
            throw new UsageException("unrecognized option '" + opt + "'", true);
        }
        String parsedName = "--" + found.longName();
        if (eq >= 0) {
            String value = opt.substring(eq + 1);
            if (found.hasArg() == HasArg.NO) {
                throw new UsageException("option '" + parsedName + "' doesn't allow an argument", true);
            }
            if (found.hasArg() == HasArg.YES && value.isEmpty()) {
                throw new UsageException("option '" + parsedName + "' requires an argument", true);
            }
            items.add(new Item(found.code(), parsedName, value));
            return argIndex + 1;
        }
        if (found.hasArg() == HasArg.YES) {
            if (next == null || next.isEmpty()) {
                throw new UsageException("option '" + parsedName + "' requires an argument", true);
            }
            items.add(new Item(found.code(), parsedName, next));
            return argIndex + 2;
        }
        items.add(new Item(found.code(), parsedName, ""));
        return argIndex + 1;
    }

    private static int parseShort(String opt, String next, List<Option> options, List<Item> items, int argIndex)
            throws UsageException {
        int c = 1;
        while (c < opt.length()) {
            char letter = opt.charAt(c);
            Option found = null;
            for (Option option : options) {
                if (option.code() == letter) {
                    found = option;
                    break;
                }
            }
            if (found == null) {
                throw new UsageException("invalid option -- '" + letter + "'", true);
            }
            String parsedName = "-" + letter;
            ++c;
            if (found.hasArg() != HasArg.NO && c < opt.length()) {
                items.add(new Item(letter, parsedName, opt.substring(c)));
                return argIndex + 1;
            }
            if (found.hasArg() == HasArg.YES) {
                if (next == null || next.isEmpty()) {
                    throw new UsageException("option requires an argument -- '" + letter + "'", true);
                }
                items.add(new Item(letter, parsedName, next));
                return argIndex + 2;
            }
            items.add(new Item(letter, parsedName, ""));
        }
        return argIndex + 1;
    }
}
