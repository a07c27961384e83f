package io.qrescue.recovery.files;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads debugfs {@code stat} output. The block list is the "EXTENTS:" section of an extent-mapped inode or the
 * "BLOCKS:" section of an indirect-mapped one; both are comma-separated "(LOGICAL[-LAST][[u]]):PHYS[-LAST]"
 * runs and "(ETBn|IND|DIND|TIND):PHYS" mapping blocks.
 */
final class StatParser {

    private static final Pattern HEAD = Pattern.compile("^Inode: (\\d+)\\s+Type: (\\S+)");
    private static final Pattern SIZE = Pattern.compile("^User:.*\\sSize: (\\d+)");
    private static final Pattern DATA = Pattern.compile("\\((\\d+)(?:-(\\d+))?(\\[u\\])?\\):(\\d+)(?:-(\\d+))?");
    private static final Pattern MAPPING = Pattern.compile("\\((?:ETB\\d+|IND|DIND|TIND)\\):(\\d+)");

    private StatParser() {
    }

    /**
     * The inode described by {@code lines}, or null when debugfs printed no inode (it could not read it).
     *
     * @throws IllegalArgumentException when a run's logical and physical lengths differ
     */
    static InodeStat read(List<String> lines) {
        long inode = -1;
        String type = null;
        long size = 0;
        StringBuilder blocks = new StringBuilder();
        boolean inBlocks = false;
        for (String line : lines) {
            Matcher h = HEAD.matcher(line);
            if (h.find()) {
                inode = Long.parseLong(h.group(1));
                type = h.group(2);
                continue;
            }
            Matcher s = SIZE.matcher(line);
            if (s.find()) {
                size = Long.parseLong(s.group(1));
                continue;
            }
            if (line.equals("EXTENTS:") || line.equals("BLOCKS:")) {
                inBlocks = true;
            } else if (inBlocks && !line.startsWith("TOTAL:")) {
                blocks.append(line).append(' ');
            }
        }
        if (type == null) {
            return null;
        }
        List<InodeStat.DataRun> runs = new ArrayList<>();
        Matcher d = DATA.matcher(blocks);
        while (d.find()) {
            long lFirst = Long.parseLong(d.group(1));
            long lLast = d.group(2) == null ? lFirst : Long.parseLong(d.group(2));
            long pFirst = Long.parseLong(d.group(4));
            long pLast = d.group(5) == null ? pFirst : Long.parseLong(d.group(5));
            if (lLast - lFirst != pLast - pFirst || lLast < lFirst) {
                throw new IllegalArgumentException("inode " + inode + ": uneven block run " + d.group());
            }
            runs.add(new InodeStat.DataRun(lFirst, pFirst, lLast - lFirst + 1, d.group(3) != null));
        }
        List<Long> mapping = new ArrayList<>();
        Matcher m = MAPPING.matcher(blocks);
        while (m.find()) {
            mapping.add(Long.parseLong(m.group(1)));
        }
        return new InodeStat(inode, type, size, runs, mapping);
    }
}
