package io.qrescue.recovery.cli.image;

import io.qrescue.recovery.cli.gnu.NumberArg;
import io.qrescue.recovery.cli.gnu.UsageException;

/**
 * The sizes skipped after a read error in the copying passes ({@code -K [INITIAL][,MAX]}), in bytes as given;
 * the engine rounds both up to whole sectors and fills in the automatic values from the input size.
 *
 * @param initialBytes {@link #AUTO} (ddrescue picks from the input size), 0 (skipping disabled), or 64 KiB..2^60
 * @param maxBytes     64 KiB..2^60; exactly {@link #LIMIT} means automatic (ddrescue cannot tell a user's
 *                     {@code ,1Ei} from no value, and neither do we)
 */
public record SkipSizeArg(long initialBytes, long maxBytes) {

    public static final long AUTO = -1;
    /** The smallest non-zero skip ddrescue accepts. */
    public static final long MIN_BYTES = 65536;
    /** The largest skip ddrescue accepts, and the automatic maximum. */
    public static final long LIMIT = 1L << 60;

    public static final SkipSizeArg DEFAULT = new SkipSizeArg(AUTO, LIMIT);

    public boolean skippingDisabled() {
        return initialBytes == 0;
    }

    public boolean initialIsAuto() {
        return initialBytes == AUTO;
    }

    public boolean maxIsAuto() {
        return maxBytes == LIMIT;
    }

    /**
     * Applies one {@code -K} argument to the sizes in effect so far: a part left out keeps its earlier value,
     * and the rules are checked against the combination, as ddrescue does.
     *
     * @param sectorSize the {@code -b} in effect, for the {@code s} suffix
     */
    static SkipSizeArg parse(String arg, String optionName, int sectorSize, SkipSizeArg previous) throws UsageException {
        long initial = previous.initialBytes;
        long max = previous.maxBytes;
        int tail = 0;
        if (!arg.startsWith(",")) {
            NumberArg.Leading leading = NumberArg.parseLeading(arg, optionName, sectorSize, 0, LIMIT);
            initial = leading.value();
            tail = leading.end();
        }
        if (tail < arg.length() && arg.charAt(tail) == ',') {
            String maxArg = arg.substring(tail + 1);
            NumberArg.Leading leading = NumberArg.parseLeading(maxArg, optionName, sectorSize, MIN_BYTES, LIMIT);
            max = leading.value();
            if (leading.end() < maxArg.length()) {
                throw OptionErrors.badArgument(arg, "Extra characters in argument of", optionName);
            }
        } else if (tail < arg.length()) {
            throw OptionErrors.badArgument(arg, "Bad separator in argument of", optionName);
        }
        if (initial > 0 && initial < MIN_BYTES) {
            throw OptionErrors.badArgument(arg, "Initial skip size must be 0 or >= 64KiB in", optionName);
        }
        if (initial > max) {
            throw OptionErrors.badArgument(arg, "Initial skip size must be <= max skip size in", optionName);
        }
        return new SkipSizeArg(initial, max);
    }
}
