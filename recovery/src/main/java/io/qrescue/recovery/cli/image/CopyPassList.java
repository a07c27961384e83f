package io.qrescue.recovery.cli.image;

import io.qrescue.recovery.cli.gnu.UsageException;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The {@code --cpass} syntax: passes 1 to 5 and ranges {@code a-b} (a <= b) separated by commas, or a lone
 * {@code 0} for no copying pass at all. Nothing else, not even an empty item.
 */
final class CopyPassList {

    static final int FIRST_PASS = 1;
    static final int LAST_PASS = 5;

    private CopyPassList() {
    }

    /** All five passes, ddrescue's default. */
    static SortedSet<Integer> all() {
        return range(FIRST_PASS, LAST_PASS, new TreeSet<>());
    }

    /** The selected passes in ascending order; empty for "0". */
    static SortedSet<Integer> parse(String arg, String optionName) throws UsageException {
        SortedSet<Integer> passes = new TreeSet<>();
        if (arg.equals("0")) {
            return Collections.unmodifiableSortedSet(passes);
        }
        int i = 0;
        while (!arg.startsWith("0")) {
            int first = passAt(arg, i++);
            if (first < 0) {
                break;
            }
            if (charAt(arg, i) != '-') {
                passes.add(first);
            } else {
                int last = passAt(arg, ++i);
                if (last < 0 || first > last) {
                    break;
                }
                range(first, last, passes);
                i++;
            }
            if (i == arg.length()) {
                return Collections.unmodifiableSortedSet(passes);
            }
            if (arg.charAt(i) != ',') {
                break;
            }
            i++;
        }
        throw OptionErrors.badArgument(arg, "Invalid pass or range of passes in", optionName);
    }

    private static SortedSet<Integer> range(int first, int last, SortedSet<Integer> into) {
        for (int pass = first; pass <= last; pass++) {
            into.add(pass);
        }
        return into;
    }

    private static int passAt(String arg, int index) {
        char ch = charAt(arg, index);
        return ch >= '1' && ch <= '5' ? ch - '0' : -1;
    }

    private static char charAt(String s, int index) {
        return index < s.length() ? s.charAt(index) : 0;
    }
}
