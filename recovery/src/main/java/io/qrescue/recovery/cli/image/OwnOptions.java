package io.qrescue.recovery.cli.image;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The options of {@code qrescue image} that ddrescue does not have, taken out of the command line before
 * ddrescue's parser sees it (that parser rejects what ddrescue 1.27 would reject).
 *
 * @param json         {@code --json}: progress as JSON events
 * @param latencyLog   {@code --latency-log=FILE}: where to write the HdrHistogram latency log; the last one counts
 * @param ddrescueArgs every other argument, in order
 */
record OwnOptions(boolean json, Optional<String> latencyLog, List<String> ddrescueArgs) {

    /** qrescue's own option: progress as newline-delimited JSON events instead of the screen. */
    static final String JSON = "--json";
    /** qrescue's own option: read latencies to an HdrHistogram interval log (only the "=FILE" form). */
    static final String LATENCY_LOG = "--latency-log=";

    /** Splits {@code args} into qrescue's own options and ddrescue's arguments. */
    static OwnOptions strip(List<String> args) {
        boolean json = false;
        String latencyLog = null;
        List<String> rest = new ArrayList<>(args.size());
        for (String arg : args) {
            if (arg.equals(JSON)) {
                json = true;
            } else if (arg.startsWith(LATENCY_LOG)) {
                latencyLog = arg.substring(LATENCY_LOG.length());
            } else {
                rest.add(arg);
            }
        }
        return new OwnOptions(json, Optional.ofNullable(latencyLog), List.copyOf(rest));
    }
}
