package io.qrescue.mapfile;

/**
 * Scans a line the way glibc's {@code sscanf} does for the conversions ddrescue uses on mapfile lines:
 * {@code %lli} (sign, {@code 0x} hex, leading-0 octal, decimal; saturating at the long range), {@code %d}
 * (decimal, converted as a C long then truncated to int), {@code %c} and white-space directives.
 * The line ends at its first NUL, as a C string does.
 */
final class CScanner {

    private byte[] text;
    private int length;
    private int index;
    private long value;

    CScanner(String line) {
        this(line.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), line.length());
    }

    /** Scans the first {@code length} bytes of {@code line} (reused by the reader, line after line). */
    CScanner(byte[] line, int length) {
        reset(line, length);
    }

    /** Starts over on another line. */
    void reset(byte[] line, int lineLength) {
        this.text = line;
        this.index = 0;
        int end = 0;
        while (end < lineLength && line[end] != 0) {
            end++;
        }
        this.length = end;
    }

    /** C's isspace in the "C" locale. */
    static boolean isSpace(int ch) {
        return ch == ' ' || ch == '\t' || ch == '\n' || ch == 0x0B || ch == '\f' || ch == '\r';
    }

    private int peek() {
        return index < length ? text[index] & 0xFF : -1;
    }

    /** A white-space directive: skips any amount of white space, including none. */
    void skipSpace() {
        while (isSpace(peek())) {
            index++;
        }
    }

    /** Skips white space and an optional sign; returns true for '-'. */
    private boolean readSign() {
        skipSpace();
        int ch = peek();
        if (ch == '+' || ch == '-') {
            index++;
            return ch == '-';
        }
        return false;
    }

    /** The value of the last successful scan. */
    long value() {
        return value;
    }

    /** {@code %lli}: false on a matching failure or at the end of input, else the number is in {@link #value()}. */
    boolean scanLongAnyBase() {
        int start = index;
        boolean negative = readSign();
        int base = 10;
        boolean haveDigits = false;
        if (peek() == '0') {
            index++;
            haveDigits = true; // glibc counts the '0' as the number even if "0x" has no hex digit after it
            int x = peek();
            if (x == 'x' || x == 'X') {
                index++;
                base = 16;
            } else {
                base = 8;
            }
        }
        java.math.BigInteger magnitude = java.math.BigInteger.ZERO;
        long small = 0;
        boolean big = false;
        while (true) {
            int d = digit(peek(), base);
            if (d < 0) {
                break;
            }
            haveDigits = true;
            index++;
            if (!big) {
                if (small > (Long.MAX_VALUE - d) / base) {
                    big = true;
                    magnitude = java.math.BigInteger.valueOf(small);
                } else {
                    small = small * base + d;
                    continue;
                }
            }
            magnitude = magnitude.multiply(java.math.BigInteger.valueOf(base)).add(java.math.BigInteger.valueOf(d));
        }
        if (!haveDigits) {
            index = start;
            return false;
        }
        if (big) {
            value = negative ? Long.MIN_VALUE : Long.MAX_VALUE;
        } else {
            value = negative ? -small : small;
        }
        return true;
    }

    /**
     * {@code %d}: decimal only; the value is clamped to the long range, then truncated to int like glibc and
     * left in {@link #value()}. False on a matching failure.
     */
    boolean scanInt() {
        int start = index;
        boolean negative = readSign();
        long number = 0;
        boolean overflow = false;
        boolean haveDigits = false;
        while (true) {
            int d = digit(peek(), 10);
            if (d < 0) {
                break;
            }
            haveDigits = true;
            index++;
            if (!overflow) {
                if (number > (Long.MAX_VALUE - d) / 10) {
                    overflow = true;
                } else {
                    number = number * 10 + d;
                }
            }
        }
        if (!haveDigits) {
            index = start;
            return false;
        }
        long asLong = overflow ? (negative ? Long.MIN_VALUE : Long.MAX_VALUE) : (negative ? -number : number);
        this.value = (int) asLong;
        return true;
    }

    /** {@code " %c"}: skips white space, then returns one character, or -1 at the end of input. */
    int scanCharAfterSpace() {
        skipSpace();
        int ch = peek();
        if (ch >= 0) {
            index++;
        }
        return ch;
    }

    private static int digit(int ch, int base) {
        if (ch < 0) {
            return -1;
        }
        int d;
        if (ch >= '0' && ch <= '9') {
            d = ch - '0';
        } else if (base == 16 && ch >= 'a' && ch <= 'f') {
            d = ch - 'a' + 10;
        } else if (base == 16 && ch >= 'A' && ch <= 'F') {
            d = ch - 'A' + 10;
        } else {
            return -1;
        }
        return d < base ? d : -1;
    }
}
