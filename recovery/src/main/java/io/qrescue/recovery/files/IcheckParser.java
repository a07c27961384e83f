package io.qrescue.recovery.files;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads debugfs {@code icheck} output: which inode owns each asked block ("&lt;block not found&gt;": none). */
final class IcheckParser {

    private static final Pattern LINE = Pattern.compile("^(\\d+)\\t(\\d+|<block not found>)$");

    private IcheckParser() {
    }

    /** Adds block → owning inode to {@code owners} for every block an inode owns; unowned blocks are skipped. */
    static void read(List<String> lines, Map<Long, Long> owners) {
        for (String line : lines) {
            Matcher m = LINE.matcher(line);
            if (m.matches() && !m.group(2).startsWith("<")) {
                owners.put(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
            }
        }
    }
}
