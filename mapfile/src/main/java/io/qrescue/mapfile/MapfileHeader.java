package io.qrescue.mapfile;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * The comment lines at the top of a mapfile that ddrescue writes: who created it, the command line, the
 * start time and, in ddrescue's periodic saves only, the current time.
 *
 * @param creator     "GNU ddrescue" for rescue saves, "GNU ddrescuelog" for ddrescuelog output
 * @param commandLine the command line as invoked, arguments joined with one space
 * @param startTime   local time the program started, {@code yyyy-MM-dd HH:mm:ss}
 * @param currentTime local time of this save, or null to omit the line (ddrescuelog never writes it)
 */
public record MapfileHeader(String creator, String commandLine, String startTime, String currentTime) {

    /** The version whose mapfiles and outputs qrescue reproduces. */
    public static final String DDRESCUE_VERSION = "1.27";
    public static final String RESCUE_CREATOR = "GNU ddrescue";
    public static final String LOG_CREATOR = "GNU ddrescuelog";

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    public MapfileHeader {
        Objects.requireNonNull(creator, "creator");
        Objects.requireNonNull(commandLine, "commandLine");
        Objects.requireNonNull(startTime, "startTime");
    }

    /** Formats a local time as ddrescue does in its headers. */
    public static String timestamp(LocalDateTime time) {
        return TIMESTAMP.format(time);
    }

    /** The same header with the current-time line set to {@code time}. */
    public MapfileHeader at(LocalDateTime time) {
        return new MapfileHeader(creator, commandLine, startTime, timestamp(time));
    }
}
