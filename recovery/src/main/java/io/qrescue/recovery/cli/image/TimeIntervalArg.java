package io.qrescue.recovery.cli.image;

import io.qrescue.recovery.cli.gnu.UsageException;

/**
 * ddrescue's time-interval arguments ({@code -T}, {@code --delay-slow}, {@code --pause-on-pass},
 * {@code --pause-on-error}, {@code --mapfile-interval}): a rational number ({@code 1}, {@code 1.5},
 * {@code .5}, {@code 1/2}, {@code 12%}) with an optional unit {@code s m h d}. The value must fit ddrescue's
 * int-based fraction after scaling, must not be negative, and its denominator is limited (1 for whole
 * seconds). Quirks kept on purpose: only the character right after the unit is looked at, so {@code 1sx} is
 * one second, and a unit followed by a comma is "Extra characters".
 */
final class TimeIntervalArg {

    private static final String BAD_VALUE = "Bad value in time interval argument of";

    private TimeIntervalArg() {
    }

    /**
     * A whole number of seconds (ddrescue: parse_time_interval).
     *
     * @param commaEnds true when a ',' may follow the value (the save part of {@code --mapfile-interval})
     */
    static int parseWholeSeconds(String arg, String optionName, boolean commaEnds) throws UsageException {
        return parse(arg, optionName, commaEnds, 1).wholeSeconds();
    }

    /**
     * A possibly fractional number of seconds whose reduced denominator is at most {@code maxDenominator}
     * (ddrescue: parse_rational_time).
     */
    static RationalSeconds parse(String arg, String optionName, boolean commaEnds, int maxDenominator)
            throws UsageException {
        Fraction value = Fraction.parseLeading(arg);
        if (value != null) {
            int c = value.consumed();
            char unit = charAt(arg, c);
            int scale = switch (unit) {
                case 'd' -> 86400;
                case 'h' -> 3600;
                case 'm' -> 60;
                case 's', 0 -> 1;
                case ',' -> commaEnds ? 1 : 0;
                default -> 0;
            };
            if (scale == 0) {
                throw OptionErrors.badArgument(arg, "Bad unit in time interval argument of", optionName);
            }
            if (!commaEnds && unit != 0 && unit != ',' && charAt(arg, c + 1) == ',') {
                throw OptionErrors.badArgument(arg, "Extra characters in argument of", optionName);
            }
            Fraction scaled = Fraction.of(value.numerator() * scale, value.denominator(), 0);
            if (scaled != null && scaled.numerator() >= 0 && scaled.denominator() <= maxDenominator) {
                return new RationalSeconds((int) scaled.numerator(), (int) scaled.denominator());
            }
        }
        throw OptionErrors.badArgument(arg, BAD_VALUE, optionName);
    }

    private static char charAt(String s, int index) {
        return index < s.length() ? s.charAt(index) : 0;
    }

    /**
     * A signed fraction within ddrescue's int range, reduced, and how many characters of the text it took.
     * Intermediate values are longs, as in ddrescue, so "0.50000000000" is still one half.
     */
    private record Fraction(long numerator, long denominator, int consumed) {

        /** The number at the start of {@code s}, or null if there is none or it does not fit. */
        static Fraction parseLeading(String s) {
            int c = 0;
            while (c < s.length() && isSpace(s.charAt(c))) {
                c++;
            }
            boolean minus = false;
            if (charAt(s, c) == '+') {
                c++;
            } else if (charAt(s, c) == '-') {
                c++;
                minus = true;
            }
            if (!isDigit(charAt(s, c)) && charAt(s, c) != '.') {
                return null;
            }
            long n = 0;
            long d = 1;
            while (isDigit(charAt(s, c))) {
                int digit = s.charAt(c++) - '0';
                if ((Long.MAX_VALUE - digit) / 10 < n) {
                    return null;
                }
                n = n * 10 + digit;
            }
            if (charAt(s, c) == '.') {
                c++;
                if (!isDigit(charAt(s, c))) {
                    return null;
                }
                while (isDigit(charAt(s, c))) {
                    int digit = s.charAt(c++) - '0';
                    if ((Long.MAX_VALUE - digit) / 10 < n || Long.MAX_VALUE / 10 < d) {
                        return null;
                    }
                    n = n * 10 + digit;
                    d *= 10;
                }
            } else if (charAt(s, c) == '/') {
                c++;
                d = 0;
                while (isDigit(charAt(s, c))) {
                    int digit = s.charAt(c++) - '0';
                    if ((Long.MAX_VALUE - digit) / 10 < d) {
                        return null;
                    }
                    d = d * 10 + digit;
                }
                if (d == 0) {
                    return null;
                }
            }
            if (charAt(s, c) == '%') {
                c++;
                if (n % 100 == 0) {
                    n /= 100;
                } else if (n % 10 == 0 && Long.MAX_VALUE / 10 >= d) {
                    n /= 10;
                    d *= 10;
                } else if (Long.MAX_VALUE / 100 >= d) {
                    d *= 100;
                } else {
                    return null;
                }
            }
            return of(minus ? -n : n, d, c);
        }

        /** n/d reduced, or null if either part then exceeds ddrescue's int range. */
        static Fraction of(long n, long d, int consumed) {
            if (n == 0) {
                return new Fraction(0, 1, consumed);
            }
            long divisor = RationalSeconds.gcd(n, d);
            n /= divisor;
            d /= divisor;
            if (Math.abs(n) > Integer.MAX_VALUE || d > Integer.MAX_VALUE) {
                return null;
            }
            return new Fraction(n, d, consumed);
        }

        private static boolean isDigit(char ch) {
            return ch >= '0' && ch <= '9';
        }

        private static boolean isSpace(char ch) {
            return ch == ' ' || ch == '\t' || ch == '\n' || ch == 0x0B || ch == '\f' || ch == '\r';
        }
    }
}
