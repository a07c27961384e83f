package io.qrescue.imager.rescue.log;

import io.qrescue.imager.rescue.PhaseEvent;
import io.qrescue.imager.rescue.RescueListener;
import io.qrescue.imager.rescue.RescueResult;
import io.qrescue.imager.rescue.StopReason;
import io.qrescue.mapfile.Mapfile;
import java.util.function.Supplier;

/**
 * ddrescue's events log: appended to, one line per phase or pass start ({@code %14s  %s  %s}: elapsed time,
 * percentage rescued, message), stop reasons indented by 22 spaces, an "End of run" line and the end time.
 */
public final class EventsLog implements RescueListener {

    private final LogWriter out;
    private final Supplier<String> endTime;
    private long lastElapsedSeconds;
    private String lastPercent = "  0.00%";

    /**
     * Writes the header at once.
     *
     * @param appendingToOldLog true if the file already existed: a blank line separates the runs
     */
    public EventsLog(Appendable out, String commandLine, String startTime, boolean appendingToOldLog,
            Supplier<String> endTime) {
        this.out = new LogWriter(out);
        this.endTime = endTime;
        write((appendingToOldLog ? "\n" : "") + LogTimes.header("Events Logfile", commandLine, startTime)
                + "#         Time  Rescued  Event\n");
    }

    @Override
    public void phaseStarted(PhaseEvent event) {
        write(line(event.elapsedSeconds(), event.percentRescued(), event.message()));
    }

    @Override
    public void stopped(StopReason reason, String message) {
        write(" ".repeat(22) + message + "\n");
    }

    @Override
    public void runEnded(RescueResult result) {
        if (result.stats() != null) {
            lastElapsedSeconds = result.stats().elapsedSeconds();
            lastPercent = result.stats().percentRescued();
        }
        Mapfile map = result.map();
        if (map != null) {
            write(line(lastElapsedSeconds, lastPercent, String.format("End of run (0x%08X  %s)", map.currentPos(),
                    map.runStatus().label())));
        }
        write("# End time:     " + endTime.get() + "\n");
    }

    private static String line(long elapsedSeconds, String percent, String message) {
        return String.format("%14s  %s  %s\n", LogTimes.dhms(elapsedSeconds), percent, message);
    }

    /** True if a write failed; nothing is written after that. */
    public boolean failed() {
        return out.failed();
    }

    private void write(String text) {
        out.write(text);
    }
}
