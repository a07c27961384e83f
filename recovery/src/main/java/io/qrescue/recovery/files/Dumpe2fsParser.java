package io.qrescue.recovery.files;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the text of {@code dumpe2fs IMAGE} (header and group lines) into an {@link Ext4Layout}. */
final class Dumpe2fsParser {

    private static final Pattern GROUP = Pattern.compile("^Group (\\d+): \\(Blocks (\\d+)-(\\d+)\\)");
    private static final Pattern AREA = Pattern.compile(
            "^(Primary superblock|Backup superblock|Group descriptors?|Reserved GDT blocks|Block bitmap|Inode bitmap"
                    + "|Inode table) at (\\d+)(?:-(\\d+))?");
    private static final Pattern RUN = Pattern.compile("(\\d+)(?:-(\\d+))?");

    private Dumpe2fsParser() {
    }

    /**
     * The layout dumpe2fs printed.
     *
     * @throws IllegalArgumentException naming the missing header field or the line it cannot read
     */
    static Ext4Layout parse(String text) {
        Map<String, String> header = new HashMap<>();
        List<Ext4Layout.Area> areas = new ArrayList<>();
        List<Ext4Layout.BlockRun> free = new ArrayList<>();
        List<Ext4Layout.BlockRun> freeInodes = new ArrayList<>();
        int groupsWithFreeInodeList = 0;
        int groups = 0;
        int groupsWithFreeList = 0;
        int group = -1;
        String[] lines = text.split("\n");
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n];
            Matcher g = GROUP.matcher(line);
            if (g.find()) {
                group = Integer.parseInt(g.group(1));
                groups++;
                continue;
            }
            if (group < 0) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    header.putIfAbsent(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
                }
                continue;
            }
            String body = line.trim();
            if (body.startsWith("Free blocks:")) {
                groupsWithFreeList++;
                readRuns(body.substring("Free blocks:".length()), free, n + 1);
                continue;
            }
            if (body.startsWith("Free inodes:")) {
                groupsWithFreeInodeList++;
                readRuns(body.substring("Free inodes:".length()), freeInodes, n + 1);
                continue;
            }
            boolean backup = false;
            for (String part : body.split(", ")) {
                Matcher a = AREA.matcher(part);
                if (!a.find()) {
                    continue;
                }
                long first = Long.parseLong(a.group(2));
                long last = a.group(3) == null ? first : Long.parseLong(a.group(3));
                if (last < first) {
                    throw new IllegalArgumentException("dumpe2fs line " + (n + 1) + ": backwards range: " + line);
                }
                MetadataKind kind = switch (a.group(1)) {
                    case "Primary superblock" -> MetadataKind.SUPERBLOCK;
                    case "Backup superblock" -> MetadataKind.BACKUP_SUPERBLOCK;
                    case "Reserved GDT blocks" -> MetadataKind.RESERVED_GDT;
                    case "Block bitmap" -> MetadataKind.BLOCK_BITMAP;
                    case "Inode bitmap" -> MetadataKind.INODE_BITMAP;
                    case "Inode table" -> MetadataKind.INODE_TABLE;
                    default -> backup ? MetadataKind.BACKUP_GROUP_DESCRIPTORS : MetadataKind.GROUP_DESCRIPTORS;
                };
                backup |= kind == MetadataKind.BACKUP_SUPERBLOCK;
                areas.add(new Ext4Layout.Area(kind, group, first, last - first + 1));
            }
        }
        if (groups == 0) {
            throw new IllegalArgumentException("dumpe2fs printed no block groups");
        }
        long journalInode = header.containsKey("Journal inode") ? number(header, "Journal inode") : 0;
        return new Ext4Layout((int) number(header, "Block size"), number(header, "Block count"),
                number(header, "Inode count"), number(header, "Inodes per group"), (int) number(header, "Inode size"),
                number(header, "First inode"), journalInode, areas, groupsWithFreeList == groups ? free : null,
                groupsWithFreeInodeList == groups ? freeInodes : null);
    }

    private static void readRuns(String list, List<Ext4Layout.BlockRun> out, int lineNumber) {
        for (String item : list.split(",")) {
            String t = item.trim();
            if (t.isEmpty()) {
                continue;
            }
            Matcher m = RUN.matcher(t);
            if (!m.matches()) {
                throw new IllegalArgumentException("dumpe2fs line " + lineNumber + ": not a block range: " + t);
            }
            long first = Long.parseLong(m.group(1));
            long last = m.group(2) == null ? first : Long.parseLong(m.group(2));
            out.add(new Ext4Layout.BlockRun(first, last - first + 1));
        }
    }

    private static long number(Map<String, String> header, String field) {
        String v = header.get(field);
        if (v == null) {
            throw new IllegalArgumentException("dumpe2fs printed no '" + field + ":' line");
        }
        Matcher m = Pattern.compile("^\\d+").matcher(v);
        if (!m.find()) {
            throw new IllegalArgumentException("dumpe2fs '" + field + ":' is not a number: " + v);
        }
        return Long.parseLong(m.group());
    }
}
