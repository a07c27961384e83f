package io.qrescue.recovery.cli.image;

import io.qrescue.recovery.cli.gnu.UsageException;

/** ddrescue's message for a bad option argument: {@code '<arg>': <what> option '<name>'.}, exit 1, no help hint. */
final class OptionErrors {

    private OptionErrors() {
    }

    static UsageException badArgument(String arg, String message, String optionName) {
        return new UsageException("'" + arg + "': " + message + " option '" + optionName + "'.", false);
    }
}
