package io.qrescue.imager.rescue.log;

import io.qrescue.imager.rescue.PhaseEvent;
import io.qrescue.imager.rescue.ReadEvent;
import io.qrescue.imager.rescue.RescueListener;
import io.qrescue.imager.rescue.RescueResult;
import io.qrescue.imager.rescue.RescueStats;
import java.util.function.Supplier;

/**
 * ddrescue's reads log: one line per read ({@code 0x%08llX<TAB>size<TAB>copied<TAB>failed}), a comment line per
 * phase or pass (preceded by a blank line after reads), a time mark once a second, the end time at the end. The
 * first write error stops the logging; {@link #failed()} tells.
 */
public final class ReadsLog implements RescueListener {

    private final LogWriter out;
    private final Supplier<String> endTime;
    private boolean previousIsMessage = true;

    /**
     * Writes the header at once.
     *
     * @param endTime the local time text for the last line, asked for at the end of the run
     */
    public ReadsLog(Appendable out, String commandLine, String startTime, Supplier<String> endTime) {
        this.out = new LogWriter(out);
        this.endTime = endTime;
        write(LogTimes.header("Reads Logfile", commandLine, startTime) + "#  Ipos       Size  Copied_size  Error_size\n");
    }

    @Override
    public void phaseStarted(PhaseEvent event) {
        write((previousIsMessage ? "" : "\n") + "# " + LogTimes.dhms(event.elapsedSeconds()) + "  " + event.message()
                + "\n");
        previousIsMessage = true;
    }

    @Override
    public void readDone(ReadEvent event) {
        write(String.format("0x%08X\t%d\t%d\t%d\n", event.pos(), event.size(), event.copied(), event.failed()));
        previousIsMessage = false;
    }

    @Override
    public void statsUpdated(RescueStats stats) {
        if (stats.timeMark() && stats.elapsedSeconds() > 0) {
            write("# " + LogTimes.dhms(stats.elapsedSeconds()) + "\n");
        }
    }

    @Override
    public void runEnded(RescueResult result) {
        write("# End time:     " + endTime.get() + "\n");
    }

    /** True if a write failed; nothing is written after that. */
    public boolean failed() {
        return out.failed();
    }

    private void write(String text) {
        out.write(text);
    }
}
