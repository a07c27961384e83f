package io.qrescue.recovery.cli.image;

/**
 * A non-negative number of seconds held as a reduced fraction of two ints, as ddrescue keeps its time
 * arguments (ddrescue: Rational). Fractions matter only for the simulated {@code --pause-on-error=s<T>}; every
 * other time option is whole seconds.
 *
 * @param numerator   at most {@link Integer#MAX_VALUE}, like ddrescue's int-based Rational
 * @param denominator positive; 1 for whole seconds
 */
public record RationalSeconds(int numerator, int denominator) {

    public static final RationalSeconds ZERO = new RationalSeconds(0, 1);

    public RationalSeconds {
        boolean reduced = numerator == 0 ? denominator == 1 : gcd(numerator, denominator) == 1;
        if (numerator < 0 || denominator <= 0 || !reduced) {
            throw new IllegalArgumentException("not a reduced non-negative fraction: " + numerator + "/" + denominator);
        }
    }

    public static RationalSeconds ofSeconds(int seconds) {
        return new RationalSeconds(seconds, 1);
    }

    public boolean isZero() {
        return numerator == 0;
    }

    /** The whole seconds, fraction dropped (ddrescue: Rational::trunc). */
    public int wholeSeconds() {
        return numerator / denominator;
    }

    /** The exact value in nanoseconds, rounded down. */
    public long toNanos() {
        return numerator * 1_000_000_000L / denominator;
    }

    /** Decimal form with at most two decimals, as ddrescue shows "Pause on error: 0.25s". */
    public String toDecimal() {
        StringBuilder text = new StringBuilder().append(numerator / denominator);
        long rest = numerator % denominator;
        if (rest > 0) {
            text.append('.');
            for (int digits = 0; digits < 2 && rest > 0; digits++) {
                rest *= 10;
                text.append(rest / denominator);
                rest %= denominator;
            }
        }
        return text.toString();
    }

    static long gcd(long a, long b) {
        a = Math.abs(a);
        b = Math.abs(b);
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
