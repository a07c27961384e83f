package io.qrescue.recovery.cli.image;

import io.qrescue.imager.rescue.PhaseEvent;
import io.qrescue.imager.rescue.ReadEvent;
import io.qrescue.imager.rescue.RescueListener;
import io.qrescue.imager.rescue.RescueOptions;
import io.qrescue.imager.rescue.RescueResult;
import io.qrescue.imager.rescue.RescueStats;
import io.qrescue.imager.rescue.StopReason;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * ddrescue 1.27's live status screen for a terminal (ddrescue: Rescuebook::show_status): a block of six lines
 * plus the current pass message, rewritten in place with ANSI cursor-up and clear-to-end-of-line each time the
 * engine reports new counters (at most once a second, and at pass starts and ends). When a new pass starts the
 * block moves down one screen block, leaving the last state of the previous pass visible, as ddrescue's does.
 * At the end it prints "Finished" or the stop messages. Optionally shows the data preview (-P) above the block,
 * and our read latency line (p50, p99 and max of the current phase) below the six lines.
 *
 * <p>Differences from ddrescue, none visible on a terminal: lines are cleared with {@code ESC[K} instead of being
 * padded with spaces, and the pass message is redrawn even while a stop condition holds. Error messages that
 * ddrescue prints on standard error at the end are the caller's (see {@link RescueResult#message()}).
 */
public final class ProgressScreen implements RescueListener {

    private static final String UP = "\u001B[A";
    private static final String CLEAR_TO_EOL = "\u001B[K";
    private static final int STATUS_LINES = 6;

    private final PrintWriter out;
    private final boolean showSlowReads;
    private final int previewLines;
    private final PreviewSource preview;
    private final boolean initialStatus;
    private final boolean showLatency;
    private final RemainingTime remaining;
    private final byte[] previewData;
    private long previewPos = -1;       // input position of the latest read that returned data, -1 if none
    private String message = "";        // the current pass message
    private boolean passStart;          // a pass started since the last redraw (ddrescue: first_post)
    private boolean drawn;              // the block is on the screen (ddrescue: !first_read)
    private boolean ended;

    /**
     * A screen without data preview, that prints "Press Ctrl-C to interrupt" before the first block.
     *
     * @param out     the terminal; flushed after each redraw
     * @param options the rescue's options: -a decides whether slow reads are shown, -r whether bad sectors count
     *                in the remaining time
     */
    public ProgressScreen(PrintWriter out, RescueOptions options) {
        this(out, options, 0, PreviewSource.none(), false);
    }

    /**
     * A screen with every option.
     *
     * @param previewLines  -P: rows of 16 bytes of the latest data read; 0 for none; limited, as ddrescue does, to
     *                      the copy block size divided by 16
     * @param preview       where the preview bytes come from
     * @param mapfileExisted true if the rescue resumes from a mapfile: the initial status is printed first
     */
    public ProgressScreen(PrintWriter out, RescueOptions options, int previewLines, PreviewSource preview,
            boolean mapfileExisted) {
        this(out, options, previewLines, preview, mapfileExisted, false);
    }

    /**
     * A screen with every option and, if {@code showLatency}, a seventh line with the read latencies of the
     * current phase (not on ddrescue's screen, hence off by default).
     */
    public ProgressScreen(PrintWriter out, RescueOptions options, int previewLines, PreviewSource preview,
            boolean mapfileExisted, boolean showLatency) {
        this.showLatency = showLatency;
        this.out = Objects.requireNonNull(out, "out");
        this.showSlowReads = options.minReadRate() >= 0;
        this.previewLines = Math.max(0, Math.min(previewLines, options.clusterBytes() / 16));
        this.preview = Objects.requireNonNull(preview, "preview");
        this.initialStatus = mapfileExisted;
        this.remaining = new RemainingTime(options.maxRetries() != 0);
        this.previewData = new byte[16 * this.previewLines];
    }

    @Override
    public void phaseStarted(PhaseEvent event) {
        message = event.message();
        passStart = true;
    }

    @Override
    public void readDone(ReadEvent event) {
        previewPos = event.copied() > 0 ? event.pos() : -1;
    }

    @Override
    public void statsUpdated(RescueStats stats) {
        if (ended) {
            return;
        }
        if (!drawn) {
            intro(stats);
        }
        redraw(stats);
    }

    @Override
    public void stopped(StopReason reason, String text) {
        out.print("\n  " + text);
        out.flush();
    }

    @Override
    public void runEnded(RescueResult result) {
        if (ended || result.stats() == null) {
            return; // the rescue never started: there is no screen to finish
        }
        if (!drawn) {
            intro(result.stats());
            redraw(result.stats());
        }
        ended = true;
        if (result.stopReasons().isEmpty()) {
            out.print("\r\nFinished" + CLEAR_TO_EOL);
        }
        out.print('\n');
        out.flush();
    }

    /** What ddrescue prints before the first block; then room for the block, which is drawn from its top. */
    private void intro(RescueStats initial) {
        out.print("Press Ctrl-C to interrupt\n");
        if (initialStatus) {
            out.print("Initial status (read from mapfile)\n");
            out.printf("rescued: %sB, tried: %sB, bad-sector: %sB, bad areas: %d\n\n",
                    ProgressFormat.size(initial.finished()),
                    ProgressFormat.size(initial.nonTrimmed() + initial.nonScraped() + initial.badSector()),
                    ProgressFormat.size(initial.badSector()), initial.badAreas());
            out.print("Current status\n");
        }
        out.print("\n".repeat(blockHeight()));
    }

    private int blockHeight() {
        return STATUS_LINES + (showLatency ? 1 : 0) + (previewLines > 0 ? previewLines + 2 : 0);
    }

    private void redraw(RescueStats stats) {
        StringBuilder b = new StringBuilder(1024);
        if (passStart && drawn && stats.finished() < stats.domainSize()) {
            b.append('\n'); // keep the previous pass's last state on screen
        } else {
            b.append('\r').append(UP.repeat(blockHeight()));
        }
        if (previewLines > 0) {
            b.append("Data preview:").append(CLEAR_TO_EOL).append('\n');
            for (String line : ProgressFormat.previewLines(previewPos, previewBytes(), previewLines)) {
                b.append(line).append(CLEAR_TO_EOL).append('\n');
            }
            b.append(CLEAR_TO_EOL).append('\n');
        }
        long estimate = remaining.update(stats, passStart || !drawn);
        List<String> lines = ProgressFormat.statusLines(stats, estimate, showSlowReads);
        for (String line : lines) {
            b.append(line).append(CLEAR_TO_EOL).append('\n');
        }
        if (showLatency) {
            b.append(ProgressFormat.latencyLine(stats.readLatency())).append(CLEAR_TO_EOL).append('\n');
        }
        if (!message.isEmpty()) {
            b.append('\r').append(message).append(CLEAR_TO_EOL);
        }
        out.print(b);
        out.flush();
        passStart = false;
        drawn = true;
    }

    private byte[] previewBytes() {
        Arrays.fill(previewData, (byte) 0);
        if (previewPos >= 0) {
            preview.read(previewPos, previewData);
        }
        return previewData;
    }
}
