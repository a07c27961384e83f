package io.qrescue.recovery.vm.console;

import java.util.List;

/**
 * What {@link SerialConsole#expect} found: which of the patterns matched, the text before it and the match with
 * its groups (console text with kernel messages cut out, ISO-8859-1 characters one per byte), and the kernel
 * messages that arrived meanwhile.
 */
record ConsoleMatch(int patternIndex, String before, String matched, List<String> groups, List<String> kernelMessages) {

    ConsoleMatch {
        groups = List.copyOf(groups);
        kernelMessages = List.copyOf(kernelMessages);
    }

    /** Capturing group {@code i} of the pattern (1 is the first), "" if it did not take part. */
    String group(int i) {
        return groups.get(i - 1);
    }
}
