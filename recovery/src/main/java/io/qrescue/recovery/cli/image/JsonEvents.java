package io.qrescue.recovery.cli.image;

import io.qrescue.imager.latency.LatencySnapshot;
import io.qrescue.imager.rescue.PhaseEvent;
import io.qrescue.imager.rescue.RescueListener;
import io.qrescue.imager.rescue.RescueOptions;
import io.qrescue.imager.rescue.RescueResult;
import io.qrescue.imager.rescue.RescueStats;
import io.qrescue.imager.rescue.StopReason;
import io.qrescue.recovery.json.JsonText;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Objects;

/**
 * Progress as newline-delimited JSON for scripts ({@code --json}): one object per line, flushed at once.
 * Sizes and positions are bytes, rates bytes per second, times whole seconds; an unknown time is {@code null}.
 * <pre>
 * {"event":"phase","runStatus":"copying","pass":1,"message":"Copying non-tried blocks... Pass 1 (forwards)",...}
 * {"event":"progress","runTimeSeconds":3,"ipos":...,"rescuedBytes":...,"remainingSeconds":null,...}
 * {"event":"stop","reason":"bad_areas","message":"Too many bad areas in input file","runTimeSeconds":3}
 * {"event":"end","exitCode":1,"finished":false,"interrupted":false,"stopReasons":["bad_areas"],...}
 * </pre>
 * A progress object carries the numbers of ddrescue's status screen and comes at most once a second, plus at
 * pass starts and ends. It adds the read latencies of the current phase in nanoseconds ({@code readLatencyReads},
 * {@code readLatencyP50Nanos}, {@code readLatencyP99Nanos}, {@code readLatencyMaxNanos}; null before the phase's
 * first read). The end object repeats the final counters, unless the rescue never started.
 */
public final class JsonEvents implements RescueListener {

    private final PrintWriter out;
    private final RemainingTime remaining;
    private boolean passStart = true;
    private long lastElapsed;

    /**
     * @param out     where the lines go
     * @param options the rescue's options (-r decides whether bad sectors count in the remaining time)
     */
    public JsonEvents(PrintWriter out, RescueOptions options) {
        this.out = Objects.requireNonNull(out, "out");
        this.remaining = new RemainingTime(options.maxRetries() != 0);
    }

    @Override
    public void phaseStarted(PhaseEvent event) {
        passStart = true;
        emit(new JsonObject("phase")
                .add("runStatus", event.runStatus().label())
                .add("pass", event.pass())
                .add("message", event.message())
                .add("runTimeSeconds", event.elapsedSeconds())
                .add("rescuedBytes", event.finished())
                .add("domainBytes", event.domainSize()));
    }

    @Override
    public void statsUpdated(RescueStats stats) {
        long estimate = remaining.update(stats, passStart);
        passStart = false;
        lastElapsed = stats.elapsedSeconds();
        JsonObject o = new JsonObject("progress");
        counters(o, stats);
        emit(o.addSeconds("remainingSeconds", estimate));
    }

    @Override
    public void stopped(StopReason reason, String text) {
        emit(new JsonObject("stop")
                .add("reason", reasonName(reason))
                .add("message", text)
                .add("runTimeSeconds", lastElapsed));
    }

    @Override
    public void runEnded(RescueResult result) {
        JsonObject o = new JsonObject("end")
                .add("exitCode", result.exitCode())
                .add("finished", result.stats() != null && result.stopReasons().isEmpty())
                .add("interrupted", result.interrupted());
        StringBuilder reasons = new StringBuilder("[");
        for (StopReason reason : result.stopReasons()) {
            if (reasons.length() > 1) {
                reasons.append(',');
            }
            JsonObject.string(reasons, reasonName(reason));
        }
        o.addRaw("stopReasons", reasons.append(']').toString())
                .add("message", result.message())
                .add("messageSubject", result.subject().name().toLowerCase(Locale.ROOT));
        if (result.stats() != null) {
            counters(o, result.stats());
        }
        emit(o);
    }

    private static String reasonName(StopReason reason) {
        return reason.name().toLowerCase(Locale.ROOT);
    }

    /** The numbers of the status screen. */
    private static void counters(JsonObject o, RescueStats s) {
        o.add("runTimeSeconds", s.elapsedSeconds())
                .add("ipos", s.lastPos())
                .add("opos", s.lastPos() + s.outputOffset())
                .add("domainBytes", s.domainSize())
                .add("rescuedBytes", s.finished())
                .add("nonTriedBytes", s.nonTried())
                .add("nonTrimmedBytes", s.nonTrimmed())
                .add("nonScrapedBytes", s.nonScraped())
                .add("badSectorBytes", s.badSector())
                .add("badAreas", s.badAreas())
                .add("readErrors", s.readErrors())
                .add("slowReads", s.slowReads())
                .add("currentRateBytesPerSecond", s.currentRate())
                .add("averageRateBytesPerSecond", s.averageRate())
                .add("errorRateBytesPerSecond", s.errorRate())
                .addSeconds("sinceLastGoodReadSeconds", s.secondsSinceLastGoodRead());
        LatencySnapshot latency = s.readLatency();
        o.add("readLatencyReads", latency.reads())
                .addNanos("readLatencyP50Nanos", latency, latency.p50Nanos())
                .addNanos("readLatencyP99Nanos", latency, latency.p99Nanos())
                .addNanos("readLatencyMaxNanos", latency, latency.maxNanos());
    }

    private void emit(JsonObject o) {
        out.print(o.close());
        out.print('\n');
        out.flush();
    }

    /** One JSON object written as text, member by member; the first member is the event name. */
    static final class JsonObject {
        private final StringBuilder b = new StringBuilder(512);

        JsonObject(String event) {
            b.append('{');
            add("event", event);
        }

        JsonObject add(String name, String value) {
            return addRaw(name, string(new StringBuilder(), value).toString());
        }

        JsonObject add(String name, long value) {
            return addRaw(name, Long.toString(value));
        }

        JsonObject add(String name, boolean value) {
            return addRaw(name, Boolean.toString(value));
        }

        /** A time in seconds; negative (unknown) becomes null. */
        JsonObject addSeconds(String name, long seconds) {
            return addRaw(name, seconds < 0 ? "null" : Long.toString(seconds));
        }

        /** A latency value; null if nothing was recorded. */
        JsonObject addNanos(String name, LatencySnapshot latency, long nanos) {
            return addRaw(name, latency.isEmpty() ? "null" : Long.toString(nanos));
        }

        JsonObject addRaw(String name, String json) {
            if (b.length() > 1) {
                b.append(',');
            }
            string(b, name).append(':').append(json);
            return this;
        }

        String close() {
            return b.append('}').toString();
        }

        static StringBuilder string(StringBuilder b, String s) {
            return JsonText.quote(b, s);
        }
    }
}
