package io.qrescue.recovery.imaging;

import io.qrescue.imager.device.FaultRule;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What qrescue adds to a ddrescue run (its own options of {@code qrescue image}).
 *
 * @param latencyLog      {@code --latency-log}: HdrHistogram interval log of the read latencies (relative to the
 *                        working directory)
 * @param guards          {@code --read-timeout}, {@code --reattach-wait}
 * @param queueDepth      {@code --queue-depth}: reads in flight at most; 0 = by device type ({@link QueueDepths})
 * @param simulatedFaults {@code --simulate}: read the input as a disk failing by these rules; empty = a real input
 * @param addSource       {@code --add-source}: this input holds the same data as the sources the mapfile was
 *                        fed from (another copy, the other RAID1 member): go on where {@link SourceHistory}
 *                        would refuse it, and record it
 */
public record QrescueOptions(Optional<String> latencyLog, InputGuards guards, int queueDepth,
        List<FaultRule> simulatedFaults, boolean addSource) {

    /** Nothing added: the run is ddrescue's. */
    public static final QrescueOptions NONE = new QrescueOptions(Optional.empty(), InputGuards.NONE, 0, List.of(),
            false);

    public QrescueOptions {
        Objects.requireNonNull(latencyLog, "latencyLog");
        Objects.requireNonNull(guards, "guards");
        simulatedFaults = List.copyOf(simulatedFaults);
        if (queueDepth < 0) {
            throw new IllegalArgumentException("queue depth must not be negative: " + queueDepth);
        }
    }

    public QrescueOptions withSimulatedFaults(List<FaultRule> faults) {
        return new QrescueOptions(latencyLog, guards, queueDepth, faults, addSource);
    }

}
