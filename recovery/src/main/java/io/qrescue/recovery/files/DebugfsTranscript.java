package io.qrescue.recovery.files;

import java.util.ArrayList;
import java.util.List;

/**
 * The standard output of {@code debugfs -f CMDFILE}, cut into one section per command: debugfs echoes each
 * command as a line {@code "debugfs: COMMAND"} before its output.
 */
final class DebugfsTranscript {

    static final String PROMPT = "debugfs: ";

    /** One command as echoed and the lines it printed. */
    record Section(String command, List<String> lines) {
    }

    private DebugfsTranscript() {
    }

    /** The sections of {@code stdout} in order; text before the first echo (the version banner) is dropped. */
    static List<Section> sections(String stdout) {
        List<Section> out = new ArrayList<>();
        String command = null;
        List<String> lines = new ArrayList<>();
        for (String line : stdout.split("\n", -1)) {
            if (line.startsWith(PROMPT)) {
                if (command != null) {
                    out.add(new Section(command, List.copyOf(lines)));
                }
                command = line.substring(PROMPT.length());
                lines.clear();
            } else if (command != null) {
                lines.add(line);
            }
        }
        if (command != null) {
            while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
                lines.remove(lines.size() - 1);
            }
            out.add(new Section(command, List.copyOf(lines)));
        }
        return out;
    }
}
