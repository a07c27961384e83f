package io.qrescue.recovery.cli.gnu;

import io.qrescue.mapfile.HumanNumbers;
import java.math.BigInteger;

/**
 * ddrescue's numbers on the command line (main_common.cc getnum): a C integer ({@code strtoll} base 0:
 * decimal, {@code 0x} hex, leading-0 octal, sign) followed by an optional multiplier {@code k}=10^3,
 * {@code Ki}=2^10, {@code M G T P E Z Y} (10^3n) or {@code Mi Gi ...} (2^10n), then an optional unit {@code B}
 * (bytes) or {@code s} (sectors of the current sector size).
 */
public final class NumberArg {

    private NumberArg() {
    }

    /**
     * Parses {@code arg} for the option named {@code optionName} ("-i", "--size").
     *
     * @param sectorSize the value of one {@code s}; 0 or less forbids the {@code s} suffix
     * @throws UsageException with ddrescue's message for malformed or out-of-range values
     */
    public static long parse(String arg, String optionName, int sectorSize, long min, long max)
            throws UsageException {
        return parse(arg, optionName, sectorSize, min, max, false).value();
    }

    /**
     * A number that may be followed by more text, as in ddrescue's {@code -K INITIAL,MAX} (getnum with a tail
     * pointer): an unknown character after the digits ends the number instead of being a bad multiplier.
     *
     * @param end index in {@code arg} of the first character after the number and its multiplier
     */
    public record Leading(long value, int end) {
    }

    /**
     * Parses the number at the start of {@code arg}, leaving the rest for the caller.
     *
     * @throws UsageException as {@link #parse(String, String, int, long, long)}; messages quote {@code arg}
     */
    public static Leading parseLeading(String arg, String optionName, int sectorSize, long min, long max)
            throws UsageException {
        return parse(arg, optionName, sectorSize, min, max, true);
    }

    private static Leading parse(String arg, String optionName, int sectorSize, long min, long max,
            boolean tailAllowed) throws UsageException {
        Strtoll parsed = Strtoll.of(arg);
        if (parsed.consumed == 0) {
            throw new UsageException("'" + arg + "': Bad or missing numerical argument in option '" + optionName + "'.",
                    false);
        }
        long result = parsed.value;
        boolean outOfRange = parsed.overflow;
        int tail = parsed.consumed;
        if (!outOfRange && tail < arg.length()) {
            char p = arg.charAt(tail++);
            int factor = 1000;
            int exponent = -1;
            char unit = 0;
            switch (p) {
                case 'Y' -> exponent = 8;
                case 'Z' -> exponent = 7;
                case 'E' -> exponent = 6;
                case 'P' -> exponent = 5;
                case 'T' -> exponent = 4;
                case 'G' -> exponent = 3;
                case 'M' -> exponent = 2;
                case 'K' -> {
                    if (tail < arg.length() && arg.charAt(tail) == 'i') {
                        ++tail;
                        factor = 1024;
                        exponent = 1;
                    }
                }
                case 'k' -> {
                    if (tail >= arg.length() || arg.charAt(tail) != 'i') {
                        exponent = 1;
                    }
                }
                case 'B', 's' -> {
                    unit = p;
                    exponent = 0;
                }
                default -> {
                    if (tailAllowed) { // the number ends here; the caller judges the rest
                        --tail;
                        exponent = 0;
                    } else {
                        exponent = -1;
                    }
                }
            }
            if (exponent > 1 && tail < arg.length() && arg.charAt(tail) == 'i') {
                ++tail;
                factor = 1024;
            }
            if (exponent > 0 && unit == 0 && tail < arg.length()
                    && (arg.charAt(tail) == 'B' || arg.charAt(tail) == 's')) {
                unit = arg.charAt(tail++);
            }
            if (exponent < 0 || (unit == 's' && sectorSize <= 0) || (!tailAllowed && tail < arg.length())) {
                throw new UsageException("'" + arg + "': Bad multiplier in numerical argument of option '"
                        + optionName + "'.", false);
            }
            for (int i = 0; i < exponent; i++) {
                if ((result >= 0 && Long.MAX_VALUE / factor >= result) || (result < 0 && Long.MIN_VALUE / factor <= result)) {
                    result *= factor;
                } else {
                    outOfRange = true;
                    break;
                }
            }
            if (unit == 's' && !outOfRange) {
                if ((result >= 0 && Long.MAX_VALUE / sectorSize >= result)
                        || (result < 0 && Long.MIN_VALUE / sectorSize <= result)) {
                    result *= sectorSize;
                } else {
                    outOfRange = true;
                }
            }
        }
        if (outOfRange || result < min || result > max) {
            throw new UsageException("'" + arg + "': Value out of limits [" + HumanNumbers.formatNum3(min) + ","
                    + HumanNumbers.formatNum3(max)
                    + "] in option '" + optionName + "'.", false);
        }
        return new Leading(result, tail);
    }

    /** C's strtoll(arg, &tail, 0): leading white space, sign, base prefix; saturates on overflow. */
    private record Strtoll(long value, int consumed, boolean overflow) {
        static Strtoll of(String s) {
            int i = 0;
            while (i < s.length() && isSpace(s.charAt(i))) {
                i++;
            }
            boolean negative = false;
            if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                negative = s.charAt(i) == '-';
                i++;
            }
            int base = 10;
            int digitsStart = i;
            if (i < s.length() && s.charAt(i) == '0') {
                if (i + 2 < s.length() + 0 && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')
                        && Character.digit(s.charAt(i + 2), 16) >= 0) {
                    base = 16;
                    i += 2;
                    digitsStart = i;
                } else {
                    base = 8;
                }
            }
            BigInteger magnitude = BigInteger.ZERO;
            int j = digitsStart;
            while (j < s.length()) {
                int d = digitValue(s.charAt(j), base);
                if (d < 0) {
                    break;
                }
                magnitude = magnitude.multiply(BigInteger.valueOf(base)).add(BigInteger.valueOf(d));
                j++;
            }
            if (j == digitsStart) {
                return new Strtoll(0, 0, false); // no digits: strtoll leaves the tail at the start
            }
            BigInteger signed = negative ? magnitude.negate() : magnitude;
            if (signed.bitLength() > 63) {
                return new Strtoll(negative ? Long.MIN_VALUE : Long.MAX_VALUE, j, true);
            }
            return new Strtoll(signed.longValueExact(), j, false);
        }

        private static int digitValue(char c, int base) {
            int d = Character.digit(c, 16);
            if (c > 127 || d < 0 || d >= base) {
                return -1;
            }
            return d;
        }

        private static boolean isSpace(char c) {
            return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
        }
    }
}
