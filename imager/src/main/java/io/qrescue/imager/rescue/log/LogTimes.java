package io.qrescue.imager.rescue.log;

/** ddrescue's elapsed-time format in logs: "7s", "3m:05s", "2h:03m:05s", "1d:02h:03m:05s". */
final class LogTimes {

    private LogTimes() {
    }

    static String dhms(long seconds) {
        long s = seconds % 60;
        long m = (seconds / 60) % 60;
        long h = (seconds / 3600) % 24;
        long d = seconds / 86400;
        if (d != 0) {
            return String.format("%dd:%02dh:%02dm:%02ds", d, h, m, s);
        }
        if (h != 0) {
            return String.format("%dh:%02dm:%02ds", h, m, s);
        }
        if (m != 0) {
            return String.format("%dm:%02ds", m, s);
        }
        return s + "s";
    }

    /** The three header lines every ddrescue log starts with. */
    static String header(String fileType, String commandLine, String startTime) {
        return "# " + fileType + ". Created by GNU ddrescue version 1.27\n"
                + "# Command line: " + commandLine + "\n"
                + "# Start time:   " + startTime + "\n";
    }
}
