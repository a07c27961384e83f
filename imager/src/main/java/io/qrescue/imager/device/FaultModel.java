package io.qrescue.imager.device;

import io.qrescue.mapfile.Domain;
import io.qrescue.mapfile.Mapfile;
import java.util.List;
import java.util.Objects;

/**
 * How a simulated disk fails: optionally ddrescue's test-mode readable set (spec 3.1: only the finished blocks of
 * a {@code -H} mapfile can be read, and only by reads lying entirely inside one of them), plus fault rules.
 *
 * @param readable the readable set of a test-mode map, or null for "everything readable"
 * @param rules    fault rules applied after the test-mode check, in order
 */
public record FaultModel(Domain readable, List<FaultRule> rules) {

    public FaultModel {
        rules = List.copyOf(Objects.requireNonNull(rules, "rules"));
    }

    /** No faults at all. */
    public static FaultModel none() {
        return new FaultModel(null, List.of());
    }

    /** The faults written in the spec language (see the package documentation). */
    public static FaultModel ofSpec(String spec) {
        return new FaultModel(null, FaultSpecParser.parse(spec));
    }

    /**
     * ddrescue's test mode for a test mapfile already read (strictly, or loosely for -L): its finished blocks,
     * merged where adjacent, are the readable set.
     */
    public static FaultModel ofTestMap(Mapfile testMap) {
        return new FaultModel(Domain.ofFinished(testMap.blocks(), 0, -1), List.of());
    }

    /**
     * The size ddrescue reports for an input under this model (spec 3.1): in test mode the smaller of the real
     * size and the end of the last readable block (the latter if the real size is unknown).
     */
    public long apparentSize(long realSize) {
        if (readable == null) {
            return realSize;
        }
        long end = readable.end();
        return realSize <= 0 || realSize > end ? end : realSize;
    }
}
