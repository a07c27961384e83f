package io.qrescue.recovery.files;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads debugfs {@code ncheck} output: the paths naming each inode (several for hard links). debugfs prints a
 * name as is, so a line that does not start with "INODE&lt;tab&gt;" continues the previous name after a newline
 * that was part of it.
 */
final class NcheckParser {

    private static final Pattern LINE = Pattern.compile("^(\\d+)\\t(.*)$", Pattern.DOTALL);

    private NcheckParser() {
    }

    /** Inode → its paths, absolute with single slashes, in the order printed. */
    static Map<Long, List<String>> read(List<String> lines) {
        Map<Long, List<String>> out = new TreeMap<>();
        Long current = null;
        for (String line : lines) {
            if (line.equals("Inode\tPathname")) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (m.matches()) {
                current = Long.parseLong(m.group(1));
                out.computeIfAbsent(current, k -> new ArrayList<>()).add(normalise(m.group(2)));
            } else if (current != null) {
                List<String> paths = out.get(current);
                paths.set(paths.size() - 1, paths.get(paths.size() - 1) + "\n" + line);
            }
        }
        return out;
    }

    /** debugfs writes entries of the root directory as "//name". */
    private static String normalise(String path) {
        return path.startsWith("//") ? path.substring(1) : path;
    }
}
