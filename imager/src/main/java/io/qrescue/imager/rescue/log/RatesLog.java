package io.qrescue.imager.rescue.log;

import io.qrescue.imager.rescue.RescueListener;
import io.qrescue.imager.rescue.RescueResult;
import io.qrescue.imager.rescue.RescueStats;
import java.util.function.Supplier;

/**
 * ddrescue's rates log ({@code --log-rates}): at most one line per second of run time with the position, the
 * current and average rates, the bad areas and the bad size ({@code %2lld  0x%08llX  %8lld  %8lld  %7lu  %8lld}),
 * then the end time. The first write error stops the logging; {@link #failed()} tells.
 */
public final class RatesLog implements RescueListener {

    private final LogWriter out;
    private final Supplier<String> endTime;
    private long lastSecond = -1;

    /** Writes the header at once (the file is overwritten, as ddrescue opens it with "w"). */
    public RatesLog(Appendable out, String commandLine, String startTime, Supplier<String> endTime) {
        this.out = new LogWriter(out);
        this.endTime = endTime;
        this.out.write(LogTimes.header("Rates Logfile", commandLine, startTime)
                + "#Time  Ipos  Current_rate  Average_rate  Bad_areas  Bad_size\n");
    }

    @Override
    public void statsUpdated(RescueStats stats) {
        if (stats.elapsedSeconds() > lastSecond) {
            lastSecond = stats.elapsedSeconds();
            out.write(String.format("%2d  0x%08X  %8d  %8d  %7d  %8d\n", stats.elapsedSeconds(), stats.lastPos(),
                    stats.currentRate(), stats.averageRate(), stats.badAreas(), stats.badSector()));
        }
    }

    @Override
    public void runEnded(RescueResult result) {
        out.write("# End time:     " + endTime.get() + "\n");
    }

    /** True if a write failed; nothing is written after that. */
    public boolean failed() {
        return out.failed();
    }
}
