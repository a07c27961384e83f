package io.qrescue.recovery.vm.console;

import java.time.Duration;

/** A shell on the VM, logged in and ready: runs one command at a time and tells how it ended. */
public interface ShellSession {

    /**
     * Runs one command line with stdin from /dev/null and stderr joined to stdout. A failing or timed-out
     * command is a result, not an exception.
     *
     * @throws ConsoleException only when the console itself is gone (CLOSED) or a command that never ended left
     *                          no usable shell (SHELL_LOST)
     */
    CommandResult run(String commandLine, Duration timeout) throws ConsoleException;
}
