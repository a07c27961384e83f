package io.qrescue.recovery.cli.image;

import java.io.IOException;

/** ddrescue's one-line error messages on stderr ("PROGRAM: FILE: what: reason"), silenced by {@code -q}. */
final class LaunchMessages {

    private final String programName;
    private final ImageTool.Io io;
    private final int verbosity;

    LaunchMessages(String programName, ImageTool.Io io, int verbosity) {
        this.programName = programName;
        this.io = io;
        this.verbosity = verbosity;
    }

    /** Prints {@code text} after the program name and returns {@code exitCode}. */
    int message(String text, int exitCode) {
        if (verbosity >= 0) {
            io.stderr().println(programName + ": " + text);
        }
        return exitCode;
    }

    /** "FILE: what: reason" with the C library's words for {@code e}; exit code 1. */
    int fileError(String name, String what, IOException e) {
        return message(name + ": " + what + ": " + EngineLauncher.reason(e), 1);
    }
}
