package io.qrescue.recovery.vm.seed;

import java.util.List;

/**
 * The recovery plan as it ran: every step in order, the volumes mounted and whether the copy onto the output
 * disk succeeded.
 */
public record SeedReport(List<SeedStep> steps, List<String> mounted, boolean copied, boolean guestSumsWritten) {

    public SeedReport {
        steps = List.copyOf(steps);
        mounted = List.copyOf(mounted);
    }

    /** Steps that failed or timed out. */
    public List<SeedStep> failures() {
        return steps.stream().filter(s -> s.outcome() == SeedStep.Outcome.FAILED
                || s.outcome() == SeedStep.Outcome.TIMED_OUT).toList();
    }
}
