package io.qrescue.recovery.files;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/** Gathers damage outside file contents piece by piece, joining touching pieces of the same structure. */
final class MetadataCollector {

    private record Key(MetadataKind kind, int group, long owner) {
    }

    private static final class Pending {
        final Key key;
        long start;
        long end;
        long dirOffset = -1;   // directories: offset within the directory of the first damaged byte
        final Set<Long> inodes = new TreeSet<>();

        Pending(Key key, long start, long end) {
            this.key = key;
            this.start = start;
            this.end = end;
        }
    }

    private final List<Pending> all = new ArrayList<>();
    private final Map<Key, Pending> last = new HashMap<>();

    void add(MetadataKind kind, int group, long owner, ByteRange range, Set<Long> inodes) {
        pending(new Key(kind, group, owner), range, -1).inodes.addAll(inodes);
    }

    void addDirectory(long inode, ByteRange range, long offsetInDirectory) {
        pending(new Key(MetadataKind.DIRECTORY, -1, inode), range, offsetInDirectory).inodes.add(inode);
    }

    private Pending pending(Key key, ByteRange range, long dirOffset) {
        Pending p = last.get(key);
        boolean continues = p != null && p.end == range.offsetBytes()
                && (dirOffset < 0 || p.dirOffset + (p.end - p.start) == dirOffset);
        if (continues) {
            p.end = range.endBytes();
            return p;
        }
        p = new Pending(key, range.offsetBytes(), range.endBytes());
        p.dirOffset = dirOffset;
        all.add(p);
        last.put(key, p);
        return p;
    }

    /** Every inode whose record lies in a damaged inode table range. */
    Set<Long> inodesInTables() {
        Set<Long> out = new TreeSet<>();
        all.stream().filter(p -> p.key.kind() == MetadataKind.INODE_TABLE).forEach(p -> out.addAll(p.inodes));
        return out;
    }

    List<Ext4MetadataDamage> build(Map<Long, List<String>> paths, Ext4Layout layout, long blockSizeBytes) {
        List<Ext4MetadataDamage> out = new ArrayList<>();
        all.sort(Comparator.comparingLong(p -> p.start));
        for (Pending p : all) {
            List<String> named = new ArrayList<>();
            for (long ino : p.inodes) {
                named.addAll(paths.getOrDefault(ino, List.of()));
            }
            ByteRange range = new ByteRange(p.start, p.end - p.start);
            out.add(new Ext4MetadataDamage(p.key.kind(), range, p.key.group(), List.copyOf(p.inodes), named,
                    detail(p, named, layout)));
        }
        return out;
    }

    private static String detail(Pending p, List<String> named, Ext4Layout layout) {
        int g = p.key.group();
        long owner = p.key.owner();
        String who = named.isEmpty() ? "inode " + owner : named.get(0) + " (inode " + owner + ")";
        return switch (p.key.kind()) {
            case SUPERBLOCK -> "primary superblock damaged: e2fsck and mounting need a backup superblock (-b)";
            case BACKUP_SUPERBLOCK -> "backup superblock of group " + g + " damaged; the primary still serves";
            case GROUP_DESCRIPTORS -> "group descriptor table damaged: where groups keep bitmaps and inode tables"
                    + " must come from a backup copy";
            case BACKUP_GROUP_DESCRIPTORS -> "backup group descriptors in group " + g + " damaged; the primary serves";
            case RESERVED_GDT -> "reserved room for descriptor growth in group " + g + "; nothing stored there";
            case BLOCK_BITMAP -> "block bitmap of group " + g + " damaged: free-space accounting wrong until e2fsck;"
                    + " no file data lost";
            case INODE_BITMAP -> "inode bitmap of group " + g + " damaged: which inodes are in use is unknown until"
                    + " e2fsck; no file data lost";
            case INODE_TABLE -> {
                long first = p.inodes.stream().min(Long::compare).orElse(0L);
                long lastIno = p.inodes.stream().max(Long::compare).orElse(0L);
                yield "inode table of group " + g + ": records of inodes " + first + "-" + lastIno + " damaged ("
                        + p.inodes.size() + " inodes); " + (named.isEmpty() ? "no directory names any of them"
                        : named.size() + " named file(s) lost: their size and block map are gone");
            }
            case JOURNAL -> "journal damaged: do not replay it (mount with noload / e2fsck -E journal_only is unsafe);"
                    + " file data outside the journal is not affected";
            case DIRECTORY -> "directory " + who + " damaged at directory bytes " + p.dirOffset + "-"
                    + (p.dirOffset + p.end - p.start - 1) + ": names stored there may be lost (their files may"
                    + " reappear in lost+found after e2fsck)";
            case FILE_MAPPING -> "extent tree / indirect block of " + who + " damaged: parts of the file may be"
                    + " unreachable although its data blocks are intact";
            case RESERVED_INODE -> "blocks of reserved inode " + owner + " ("
                    + Objects.requireNonNullElse(reservedName(owner), "reserved") + ")";
            case IN_USE_UNOWNED -> layout.freeBlocks() == null
                    ? "no inode owns these blocks (bitmaps unreadable: free or lost)"
                    : "marked in use but no inode owns them (lost blocks, or an owner whose inode is damaged)";
            case FREE_SPACE -> "free space: no file uses these bytes";
            case UNUSED -> "boot area / padding around the primary superblock: ext4 keeps nothing there";
            case OUTSIDE_FILESYSTEM -> "past the end of the filesystem (" + layout.sizeBytes() + " bytes)";
        };
    }

    private static String reservedName(long inode) {
        return switch ((int) inode) {
            case 1 -> "bad blocks list";
            case 3 -> "user quota";
            case 4 -> "group quota";
            case 5 -> "boot loader";
            case 6 -> "undelete directory";
            case 7 -> "resize inode: reserved GDT blocks";
            case 9 -> "exclude bitmap";
            case 10 -> "replica";
            default -> null;
        };
    }
}
