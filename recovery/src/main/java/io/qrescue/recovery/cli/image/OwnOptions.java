package io.qrescue.recovery.cli.image;

import io.qrescue.recovery.cli.gnu.UsageException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import io.qrescue.recovery.imaging.InputGuards;

/**
 * The options of {@code qrescue image} that ddrescue does not have, taken out of the command line before
 * ddrescue's parser sees it (that parser rejects what ddrescue 1.27 would reject): {@code --json},
 * {@code --latency-log=FILE}, {@code --read-timeout=<interval>}, {@code --reattach-wait=<interval>} and
 * {@code --queue-depth=N}, {@code --simulate=FILE} and {@code --add-source}.
 * Intervals use ddrescue's time syntax ({@link TimeIntervalArg}), with up to millisecond fractions.
 *
 * @param json         progress as JSON lines
 * @param latencyLog   where to write the HdrHistogram latency log; the last one counts
 * @param guards       the per-read deadline and the wait for a vanished disk
 * @param queueDepth   reads in flight at most, 1 to {@link #MAX_QUEUE_DEPTH}; 0 = by device type
 *                     ({@link QueueDepths})
 * @param simulate     a fault spec file (the language of {@code io.qrescue.imager.device}): the input is read as
 *                     a disk failing that way, for demos, drills and tests; the last one counts
 * @param addSource    the input holds the same data as the sources the mapfile was fed from: go on even where
 *                     qrescue would refuse a different disk of a different size
 * @param ddrescueArgs every other argument, in order
 */
record OwnOptions(boolean json, Optional<String> latencyLog, InputGuards guards, int queueDepth,
        Optional<String> simulate, boolean addSource, List<String> ddrescueArgs) {

    static final String JSON = "--json";
    /** Only the "=FILE" form: a separate value could be taken for an operand by ddrescue's parser. */
    static final String LATENCY_LOG = "--latency-log=";
    static final String READ_TIMEOUT = "--read-timeout";
    static final String REATTACH_WAIT = "--reattach-wait";
    static final String QUEUE_DEPTH = "--queue-depth";
    static final String SIMULATE = "--simulate=";
    static final String ADD_SOURCE = "--add-source";
    /** More reads in flight than NVMe drives gain from; each one holds a cluster-sized buffer. */
    static final int MAX_QUEUE_DEPTH = 256;

    OwnOptions {
        ddrescueArgs = List.copyOf(ddrescueArgs);
    }

    /** Splits {@code args}; a bad interval is a usage error (exit 1) worded as ddrescue words its own. */
    static OwnOptions extract(List<String> args) throws UsageException {
        boolean json = false;
        String latencyLog = null;
        long readTimeoutNanos = 0;
        long reattachWaitNanos = 0;
        int queueDepth = 0;
        String simulate = null;
        boolean addSource = false;
        List<String> rest = new ArrayList<>();
        for (String arg : args) {
            if (arg.equals(JSON)) {
                json = true;
            } else if (arg.equals(ADD_SOURCE)) {
                addSource = true;
            } else if (arg.startsWith(LATENCY_LOG)) {
                latencyLog = arg.substring(LATENCY_LOG.length());
            } else if (arg.startsWith(READ_TIMEOUT + "=")) {
                readTimeoutNanos = intervalNanos(arg.substring(READ_TIMEOUT.length() + 1), READ_TIMEOUT, false);
            } else if (arg.startsWith(REATTACH_WAIT + "=")) {
                reattachWaitNanos = intervalNanos(arg.substring(REATTACH_WAIT.length() + 1), REATTACH_WAIT, true);
            } else if (arg.startsWith(QUEUE_DEPTH + "=")) {
                queueDepth = queueDepth(arg.substring(QUEUE_DEPTH.length() + 1));
            } else if (arg.startsWith(SIMULATE)) {
                simulate = arg.substring(SIMULATE.length());
            } else if (arg.equals(READ_TIMEOUT) || arg.equals(REATTACH_WAIT) || arg.equals(QUEUE_DEPTH)) {
                throw new UsageException("option '" + arg + "' requires an argument in the form " + arg
                        + (arg.equals(QUEUE_DEPTH) ? "=<n>" : "=<interval>"), true);
            } else {
                rest.add(arg);
            }
        }
        return new OwnOptions(json, Optional.ofNullable(latencyLog),
                new InputGuards(readTimeoutNanos, reattachWaitNanos), queueDepth,
                Optional.ofNullable(simulate), addSource, rest);
    }

    /** A whole number from 1 to {@link #MAX_QUEUE_DEPTH}, decimal only. */
    private static int queueDepth(String value) throws UsageException {
        if (!value.matches("[0-9]{1,4}")) {
            throw OptionErrors.badArgument(value, "Bad value for", QUEUE_DEPTH);
        }
        int depth = Integer.parseInt(value);
        if (depth < 1 || depth > MAX_QUEUE_DEPTH) {
            throw OptionErrors.badArgument(value, "Value out of limits (1 to " + MAX_QUEUE_DEPTH + ") in",
                    QUEUE_DEPTH);
        }
        return depth;
    }

    private static long intervalNanos(String value, String option, boolean zeroAllowed) throws UsageException {
        long nanos = TimeIntervalArg.parse(value, option, false, 1000).toNanos();
        if (nanos == 0 && !zeroAllowed) { // a read cannot be given no time at all
            throw OptionErrors.badArgument(value, "Bad value in time interval argument of", option);
        }
        return nanos;
    }
}
