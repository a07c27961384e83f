package io.qrescue.recovery.cli.image;

import io.qrescue.recovery.cli.gnu.UsageException;
import java.util.ArrayList;
import java.util.List;

/**
 * qrescue's own options of {@code qrescue image}, taken out of the command line before ddrescue's parser sees
 * it (ddrescue would reject them as unknown): {@code --json}, {@code --read-timeout=<interval>} and
 * {@code --reattach-wait=<interval>}. Intervals use ddrescue's time syntax ({@link TimeIntervalArg}), with up
 * to millisecond fractions.
 *
 * @param json          progress as JSON lines
 * @param guards        the per-read deadline and the wait for a vanished disk
 * @param ddrescueArgs  every other argument, in order
 */
record OwnOptions(boolean json, InputGuards guards, List<String> ddrescueArgs) {

    static final String JSON = "--json";
    static final String READ_TIMEOUT = "--read-timeout";
    static final String REATTACH_WAIT = "--reattach-wait";

    OwnOptions {
        ddrescueArgs = List.copyOf(ddrescueArgs);
    }

    /** Splits {@code args}; a bad interval is a usage error (exit 1) worded as ddrescue words its own. */
    static OwnOptions extract(List<String> args) throws UsageException {
        boolean json = false;
        long readTimeoutNanos = 0;
        long reattachWaitNanos = 0;
        List<String> rest = new ArrayList<>();
        for (String arg : args) {
            if (arg.equals(JSON)) {
                json = true;
            } else if (arg.startsWith(READ_TIMEOUT + "=")) {
                readTimeoutNanos = intervalNanos(arg.substring(READ_TIMEOUT.length() + 1), READ_TIMEOUT, false);
            } else if (arg.startsWith(REATTACH_WAIT + "=")) {
                reattachWaitNanos = intervalNanos(arg.substring(REATTACH_WAIT.length() + 1), REATTACH_WAIT, true);
            } else if (arg.equals(READ_TIMEOUT) || arg.equals(REATTACH_WAIT)) {
                // only the '=' form: a separate value could be taken for an operand by ddrescue's parser
                throw new UsageException("option '" + arg + "' requires an argument in the form " + arg
                        + "=<interval>", true);
            } else {
                rest.add(arg);
            }
        }
        return new OwnOptions(json, new InputGuards(readTimeoutNanos, reattachWaitNanos), rest);
    }

    private static long intervalNanos(String value, String option, boolean zeroAllowed) throws UsageException {
        long nanos = TimeIntervalArg.parse(value, option, false, 1000).toNanos();
        if (nanos == 0 && !zeroAllowed) { // a read cannot be given no time at all
            throw OptionErrors.badArgument(value, "Bad value in time interval argument of", option);
        }
        return nanos;
    }
}
