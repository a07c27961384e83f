package io.qrescue.imager.rescue;

/**
 * The copying passes to run, 1 to 5 (ddrescue --cpass). Giving any set other than all five also disables the
 * resumption of an interrupted copying pass (spec 1.9).
 *
 * @param bitset bit {@code pass - 1} set for each selected pass
 */
public record CopyPasses(int bitset) {

    /** All five passes, the default. */
    public static final CopyPasses ALL = new CopyPasses(0b11111);
    /** No copying at all ({@code --cpass=0}). */
    public static final CopyPasses NONE = new CopyPasses(0);

    public CopyPasses {
        if ((bitset & ~0b11111) != 0) {
            throw new IllegalArgumentException("passes are 1 to 5");
        }
    }

    /**
     * Parses ddrescue's syntax: {@code 0} alone, or comma-separated digits 1-5 and ranges {@code a-b} with
     * {@code a <= b}.
     *
     * @throws IllegalArgumentException "Invalid pass or range of passes"
     */
    public static CopyPasses parse(String text) {
        if (text.equals("0")) {
            return NONE;
        }
        int bits = 0;
        int i = 0;
        while (true) {
            if (i >= text.length() || text.charAt(i) < '1' || text.charAt(i) > '5') {
                break;
            }
            char first = text.charAt(i++);
            if (i < text.length() && text.charAt(i) == '-') {
                ++i;
                if (i >= text.length() || text.charAt(i) < '1' || text.charAt(i) > '5' || first > text.charAt(i)) {
                    break;
                }
                for (char c = first; c <= text.charAt(i); c++) {
                    bits |= 1 << (c - '1');
                }
                ++i;
            } else {
                bits |= 1 << (first - '1');
            }
            if (i == text.length()) {
                return new CopyPasses(bits);
            }
            if (text.charAt(i) != ',') {
                break;
            }
            ++i;
        }
        throw new IllegalArgumentException("Invalid pass or range of passes: '" + text + "'");
    }

    public boolean includes(int pass) {
        return pass >= 1 && pass <= 5 && (bitset & (1 << (pass - 1))) != 0;
    }

    /** True for the default set of all five passes. */
    public boolean isAll() {
        return bitset == ALL.bitset;
    }
}
