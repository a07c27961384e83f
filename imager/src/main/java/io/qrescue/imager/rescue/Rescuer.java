package io.qrescue.imager.rescue;

import io.qrescue.imager.device.BlockDevice;
import io.qrescue.imager.latency.LatencyLog;
import io.qrescue.imager.output.OutputImage;
import io.qrescue.imager.time.TimeSource;
import io.qrescue.mapfile.BlockMap;
import io.qrescue.mapfile.BlockStatus;
import io.qrescue.mapfile.Mapfile;
import io.qrescue.mapfile.RunStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs one GNU ddrescue 1.27 rescue (ddrescue: Rescuebook and main's do_rescue): prepares the map, then copying,
 * trimming, scraping and retrying, saving the mapfile as ddrescue does. Build with {@link #builder()}, call
 * {@link #run()} once; {@link #interrupt()} may be called from any thread (a signal handler, for example).
 */
public final class Rescuer {

    private final RescueOptions options;
    private final BlockDevice input;
    private final OutputImage output;
    private final Mapfile existingMap;
    private final BlockMap domainMap;
    private final MapfileTarget mapfile;
    private final RescueListener listener;
    private final TimeSource time;
    private final LatencyLog latencyLog; // null: none
    private final int queueDepth;
    private final AtomicBoolean interruptRequested = new AtomicBoolean();

    private Rescuer(Builder b) {
        this.options = Objects.requireNonNull(b.options, "options");
        this.input = Objects.requireNonNull(b.input, "input");
        this.output = Objects.requireNonNull(b.output, "output");
        this.existingMap = b.existingMap;
        this.domainMap = b.domainMap;
        this.mapfile = b.mapfile;
        this.listener = b.listener;
        this.time = b.time;
        this.latencyLog = b.latencyLog;
        this.queueDepth = b.queueDepth;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Asks the run to stop before its next read; the map is then saved and the result says "interrupted". */
    public void interrupt() {
        interruptRequested.set(true);
    }

    /**
     * Runs the rescue to its end or to a stop condition. Never throws for read errors or stop conditions; those
     * are in the result. The output and the input are not closed.
     */
    public RescueResult run() {
        return start(null, null);
    }

    /**
     * Runs ddrescue's command mode ({@code --command-mode}, see {@link CommandMode}): the map is prepared as for a
     * rescue, then {@code commands} say what to copy, show and save; the answers go to {@code answers}. The result
     * says only the exit code and the map.
     */
    public RescueResult runCommands(InputStream commands, OutputStream answers) {
        return start(Objects.requireNonNull(commands, "commands"), Objects.requireNonNull(answers, "answers"));
    }

    /** A rescue ({@code commands} null) or command mode, after the checks both make first. */
    private RescueResult start(InputStream commands, OutputStream answers) {
        long inputSize = input.size();
        MapPreparation.Prepared prepared;
        try {
            prepared = MapPreparation.prepare(options, domainMap, existingMap, inputSize);
            checkBeforeStart(prepared, inputSize);
        } catch (SetupFailure failure) {
            return failure.toResult();
        }
        if (prepared.domain().isEmpty()) {
            return RescueResult.notStarted(0, "Nothing to do; domain is empty.", RescueResult.Subject.NONE);
        }
        try {
            if (options.truncateOutput()) {
                output.truncate(0);
            }
        } catch (IOException e) {
            return RescueResult.notStarted(1, "Can't truncate output file", RescueResult.Subject.OUTPUT_FILE);
        }
        RescueSession session = new RescueSession(options, prepared, inputSize, input, output, mapfile, listener,
                time, interruptRequested, latencyLog, commands == null ? queueDepth : 1);
        if (!prepared.mapfileExisted() && !session.createMapfile()) {
            session.finishPipeline();
            return RescueResult.notStarted(1, session.message(), RescueResult.Subject.MAPFILE);
        }
        try {
            if (commands != null) {
                int exitCode = new CommandMode(session, commands, answers).run();
                session.finishPipeline();
                return new RescueResult(exitCode, List.of(), List.of(), "", RescueResult.Subject.NONE, session.map,
                        session.stats(false));
            }
            return rescue(session);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            interruptRequested.set(true);
            return finish(session, Flow.INTERRUPTED);
        } catch (RuntimeException e) {
            session.finishPipeline(); // stops the pipeline's threads; the failure is the caller's
            throw e;
        }
    }

    /** ddrescue's checks between loading the map and opening the output (main.cc do_rescue). */
    private void checkBeforeStart(MapPreparation.Prepared prepared, long inputSize) throws SetupFailure {
        if (options.verifyInputSize()) {
            long mapSize = prepared.mapfileInputSize();
            if (!prepared.mapfileExisted() || inputSize <= 0 || mapSize <= 0 || mapSize >= Long.MAX_VALUE) {
                throw new SetupFailure(1, "Can't verify input file size.\n"
                        + "          Mapfile is unfinished or missing, or size is invalid.", RescueResult.Subject.NONE);
            }
            if (mapSize != inputSize) {
                throw new SetupFailure(1, "Input file size differs from size calculated from mapfile.",
                        RescueResult.Subject.NONE);
            }
        }
        if (prepared.domain().isEmpty() && options.completeOnly() && !prepared.mapfileExisted()) {
            throw new SetupFailure(1, "Nothing to complete; mapfile is missing or empty.", RescueResult.Subject.NONE);
        }
        if (!prepared.domain().isEmpty() && options.truncateOutput() && !prepared.map().blocks().isBlank()) {
            throw new SetupFailure(1, "Outfile truncation and mapfile input are incompatible.",
                    RescueResult.Subject.NONE);
        }
    }

    /** The phases in ddrescue's order, each only if it has work and no stop condition holds (spec 2.1). */
    private RescueResult rescue(RescueSession session) throws InterruptedException {
        Flow flow = Flow.OK;
        session.updateRates(false);
        if (session.bytes(BlockStatus.NON_TRIED) > 0 && !session.errorsOrTimeout()) {
            flow = new CopyingPhase(session).run();
        }
        if (flow == Flow.OK && session.bytes(BlockStatus.NON_TRIMMED) > 0 && !options.noTrim()
                && !session.errorsOrTimeout()) {
            flow = new TrimmingPhase(session).run();
        }
        if (flow == Flow.OK && session.bytes(BlockStatus.NON_SCRAPED) > 0 && !options.noScrape()
                && !session.errorsOrTimeout()) {
            flow = new ScrapingPhase(session).run();
        }
        if (flow == Flow.OK && session.bytes(BlockStatus.BAD_SECTOR) > 0 && options.maxRetries() != 0
                && !session.errorsOrTimeout()) {
            flow = new RetryingPhase(session).run();
        }
        return finish(session, flow);
    }

    /** The end of do_rescue: stop reports, final status, output extension, compaction and the final save. */
    private RescueResult finish(RescueSession session, Flow flow) {
        session.finishPipeline();
        try {
            if (!session.rates.ratesUpdated()) {
                session.updateRates(true); // re-evaluates -E and -T at the very end
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        session.finishLatency();
        session.showStatus(-1, true);
        boolean interrupted = flow == Flow.INTERRUPTED;
        int exitCode = flow == Flow.OK || interrupted ? 0 : 1;
        if (exitCode == 0 && session.errorsOrTimeout()) {
            exitCode = 1;
        }
        List<StopReason> reasons = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        if (flow == Flow.MAPFILE_ERROR) {
            reasons.add(StopReason.MAPFILE_ERROR);
        } else if (interrupted) {
            reasons.add(StopReason.INTERRUPTED);
        } else {
            for (StopReason reason : session.stops()) {
                reasons.add(reason);
            }
        }
        for (StopReason reason : reasons) {
            String text = reason == StopReason.ERROR_RATE
                    ? reason.text() + " (" + io.qrescue.mapfile.HumanNumbers.formatNum(session.rates.errorRate(), false)
                            + "B/s)"
                    : reason.text();
            if (!text.isEmpty()) {
                messages.add(text);
                session.listener().stopped(reason, text);
            }
        }
        if (flow != Flow.MAPFILE_ERROR) {
            if (exitCode == 0 && !interrupted) {
                session.map.runStatus(RunStatus.FINISHED, "Finished");
            }
            if (!session.extendOutput()) {
                session.setMessage("Error extending output file size.", RescueResult.Subject.OUTPUT_FILE);
                exitCode = Math.max(exitCode, 1);
            }
            session.map.blocks().compact();
            if (!session.updateMapfile(true) && exitCode == 0) {
                exitCode = 1;
            }
        }
        RescueResult result = new RescueResult(exitCode, reasons, messages, session.message(),
                session.messageSubject(), session.map, session.stats(false), session.phaseLatencies());
        session.listener().runEnded(result);
        return result;
    }

    /** Collects what a rescue needs. */
    public static final class Builder {
        private RescueOptions options = RescueOptions.defaults();
        private BlockDevice input;
        private OutputImage output;
        private Mapfile existingMap;
        private BlockMap domainMap;
        private MapfileTarget mapfile;
        private RescueListener listener = RescueListener.NONE;
        private TimeSource time = TimeSource.system();
        private LatencyLog latencyLog;
        private int queueDepth = 1;

        private Builder() {
        }

        /**
         * Reads in flight at most, 1 by default: exactly ddrescue's reads, one at a time (only the write of a read
         * overlaps the next read). A larger depth also reads ahead on healthy regions; the map stays the same.
         */
        public Builder queueDepth(int reads) {
            if (reads < 1) {
                throw new IllegalArgumentException("queue depth must be at least 1: " + reads);
            }
            this.queueDepth = reads;
            return this;
        }

        public Builder options(RescueOptions value) {
            this.options = value;
            return this;
        }

        /** The device to rescue (a fault-model device for test mode). */
        public Builder input(BlockDevice value) {
            this.input = value;
            return this;
        }

        public Builder output(OutputImage value) {
            this.output = value;
            return this;
        }

        /**
         * The mapfile: {@code existing} as read from disk (null if the file does not exist yet) and where it is
         * kept. Without a call the rescue runs without a mapfile, like ddrescue without one.
         */
        public Builder mapfile(Mapfile existing, MapfileTarget target) {
            this.existingMap = existing;
            this.mapfile = Objects.requireNonNull(target, "target");
            return this;
        }

        /**
         * The rescue domain of {@code -m}: the finished blocks of {@code map} (a domain mapfile as read), cropped
         * to {@code -i}/{@code -s}. Without a call the domain is {@code -i}/{@code -s} alone.
         */
        public Builder domainMap(BlockMap map) {
            this.domainMap = map;
            return this;
        }

        public Builder listener(RescueListener value) {
            this.listener = Objects.requireNonNull(value, "listener");
            return this;
        }

        /** The clock for rates, timeouts, pauses and save intervals; the system clock by default. */
        public Builder timeSource(TimeSource value) {
            this.time = Objects.requireNonNull(value, "time");
            return this;
        }

        /** Writes the read latencies as an HdrHistogram interval log; the caller closes it after the run. */
        public Builder latencyLog(LatencyLog value) {
            this.latencyLog = Objects.requireNonNull(value, "latencyLog");
            return this;
        }

        public Rescuer build() {
            return new Rescuer(this);
        }
    }
}
