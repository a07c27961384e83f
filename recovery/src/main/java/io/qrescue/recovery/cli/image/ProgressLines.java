package io.qrescue.recovery.cli.image;

import io.qrescue.imager.rescue.PhaseEvent;
import io.qrescue.imager.rescue.RescueListener;
import io.qrescue.imager.rescue.RescueOptions;
import io.qrescue.imager.rescue.RescueResult;
import io.qrescue.imager.rescue.RescueStats;
import io.qrescue.imager.rescue.StopReason;
import java.io.PrintWriter;
import java.util.Objects;

/**
 * Progress for output that is not a terminal (a log file, a pipe, systemd's journal): plain lines that are never
 * rewritten. Each line starts like a line of ddrescue's events log (run time, percentage rescued), then says
 * one of: the message of a pass that starts; a summary of the counters and of the current phase's read latencies,
 * at most once every {@code intervalSeconds} of run time; a stop message; and at the end "End of run" with the
 * final counters, the last phase's read latencies and the exit status, after "Finished" if the rescue ran to its
 * end.
 */
public final class ProgressLines implements RescueListener {

    /** Seconds between two summary lines unless told otherwise. */
    public static final int DEFAULT_INTERVAL_SECONDS = 10;

    private final PrintWriter out;
    private final int intervalSeconds;
    private final RemainingTime remaining;
    private boolean passStart = true;   // the next update is the first of a pass (the estimate restarts)
    private long nextSummaryAt;         // run time at which the next summary line is due
    private long lastElapsed;          // run time and percentage of the latest update, for stop lines
    private String lastPercent = "  0.00%";

    /** Lines every {@link #DEFAULT_INTERVAL_SECONDS} seconds. */
    public ProgressLines(PrintWriter out, RescueOptions options) {
        this(out, options, DEFAULT_INTERVAL_SECONDS);
    }

    /**
     * @param out             where the lines go; flushed after each line
     * @param options         the rescue's options (-r decides whether bad sectors count in the remaining time)
     * @param intervalSeconds least run time between two summary lines, at least 1
     */
    public ProgressLines(PrintWriter out, RescueOptions options, int intervalSeconds) {
        if (intervalSeconds < 1) {
            throw new IllegalArgumentException("interval must be at least 1 second");
        }
        this.out = Objects.requireNonNull(out, "out");
        this.intervalSeconds = intervalSeconds;
        this.remaining = new RemainingTime(options.maxRetries() != 0);
        this.nextSummaryAt = intervalSeconds;
    }

    @Override
    public void phaseStarted(PhaseEvent event) {
        passStart = true;
        line(event.elapsedSeconds(), event.percentRescued(), event.message());
    }

    @Override
    public void statsUpdated(RescueStats stats) {
        long estimate = remaining.update(stats, passStart);
        passStart = false;
        lastElapsed = stats.elapsedSeconds();
        lastPercent = stats.percentRescued();
        if (stats.elapsedSeconds() >= nextSummaryAt) {
            nextSummaryAt = stats.elapsedSeconds() + intervalSeconds;
            line(stats.elapsedSeconds(), stats.percentRescued(), ProgressFormat.summary(stats)
                    + ", remaining time: " + ProgressFormat.time(estimate, estimate >= 180) + ", "
                    + ProgressFormat.latencySummary(stats.readLatency()));
        }
    }

    @Override
    public void stopped(StopReason reason, String text) {
        line(lastElapsed, lastPercent, text);
    }

    @Override
    public void runEnded(RescueResult result) {
        RescueStats stats = result.stats();
        if (stats == null) {
            return; // never started: the caller reports why
        }
        if (result.stopReasons().isEmpty()) {
            line(stats.elapsedSeconds(), stats.percentRescued(), "Finished");
        }
        line(stats.elapsedSeconds(), stats.percentRescued(), "End of run: " + ProgressFormat.summary(stats)
                + ", " + ProgressFormat.latencySummary(stats.readLatency()) + ", exit status: " + result.exitCode());
    }

    private void line(long elapsedSeconds, String percent, String text) {
        out.print(ProgressFormat.logPrefix(elapsedSeconds, percent) + text + "\n");
        out.flush();
    }
}
