package io.qrescue.recovery.vm.console;

import java.util.List;

/**
 * One command run on the VM's shell.
 *
 * @param sequence       the command's number in the session (its end marker carries it)
 * @param command        the command line as typed
 * @param ended          true if the end marker came; false if the command timed out
 * @param exitStatus     the shell's {@code $?}; -1 when the command did not end
 * @param output         stdout and stderr together, kernel messages cut out, "\n" line ends
 * @param kernelMessages kernel messages printed while the command ran
 * @param elapsedMillis  from typing the command to its end marker (or the timeout)
 */
public record CommandResult(int sequence, String command, boolean ended, int exitStatus, String output,
                            List<String> kernelMessages, long elapsedMillis) {

    public CommandResult {
        kernelMessages = List.copyOf(kernelMessages);
    }

    /** Ended with exit status 0. */
    public boolean succeeded() {
        return ended && exitStatus == 0;
    }

    /** The output's last non-empty line, trimmed, or "" (most tools put their reason for failing there). */
    public String lastLine() {
        String[] lines = output.strip().split("\n");
        return lines.length == 0 ? "" : lines[lines.length - 1].strip();
    }
}
