package io.qrescue.imager.rescue;

import io.qrescue.imager.latency.LatencySnapshot;
import io.qrescue.mapfile.Mapfile;
import io.qrescue.mapfile.RunStatus;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a rescue ended.
 *
 * @param exitCode     ddrescue's exit status: 0 normal end (also after an interrupt, see {@link #interrupted()}),
 *                     1 stop condition or file problem, 2 invalid mapfile, 3 internal error
 * @param stopReasons  why the run stopped early, in ddrescue's reporting order; empty if it ran to the end
 * @param stopMessages the event texts for {@code stopReasons} ("Too many read errors", ...)
 * @param message      an error message ddrescue prints on stderr (without program or file name), or ""
 * @param subject      the file {@code message} is about: ddrescue prefixes it with that file's name
 * @param map          the final map (null if the run never started, e.g. for an invalid setup)
 * @param stats        the counters at the end (null if the run never started)
 * @param phaseLatencies whole-run read latencies (p50, p99, max) of each phase that read anything, in phase
 *                     order (copying, trimming, scraping, retrying); speculative reads count too
 */
public record RescueResult(int exitCode, List<StopReason> stopReasons, List<String> stopMessages, String message,
        Subject subject, Mapfile map, RescueStats stats, Map<RunStatus, LatencySnapshot> phaseLatencies) {

    /** Which file a message refers to. */
    public enum Subject {
        NONE, INPUT_FILE, OUTPUT_FILE, MAPFILE
    }

    public RescueResult {
        stopReasons = List.copyOf(stopReasons);
        stopMessages = List.copyOf(stopMessages);
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(subject, "subject");
        EnumMap<RunStatus, LatencySnapshot> inPhaseOrder = new EnumMap<>(RunStatus.class);
        inPhaseOrder.putAll(phaseLatencies);
        phaseLatencies = Collections.unmodifiableMap(inPhaseOrder);
    }

    /** A result without read latencies (fill and generate mode, runs that never started). */
    public RescueResult(int exitCode, List<StopReason> stopReasons, List<String> stopMessages, String message,
            Subject subject, Mapfile map, RescueStats stats) {
        this(exitCode, stopReasons, stopMessages, message, subject, map, stats, Map.of());
    }

    /** A run that did not start: a setup check failed (or, with exit code 0, there was nothing to do). */
    static RescueResult notStarted(int exitCode, String message, Subject subject) {
        return new RescueResult(exitCode, List.of(), List.of(), message, subject, null, null);
    }

    /**
     * True if the run stopped because the interrupt flag was set. ddrescue then saves the map and re-raises the
     * signal, so the caller should exit as killed by that signal (128 + signal number).
     */
    public boolean interrupted() {
        return stopReasons.contains(StopReason.INTERRUPTED);
    }
}
