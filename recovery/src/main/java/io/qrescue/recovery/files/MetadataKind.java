package io.qrescue.recovery.files;

/** The kinds of ext4 structures damage can hit besides file contents, with the words a report shows. */
public enum MetadataKind {
    SUPERBLOCK("primary superblock"),
    BACKUP_SUPERBLOCK("backup superblock"),
    GROUP_DESCRIPTORS("group descriptors"),
    BACKUP_GROUP_DESCRIPTORS("backup group descriptors"),
    RESERVED_GDT("reserved group descriptor blocks"),
    BLOCK_BITMAP("block bitmap"),
    INODE_BITMAP("inode bitmap"),
    INODE_TABLE("inode table"),
    JOURNAL("journal"),
    DIRECTORY("directory"),
    FILE_MAPPING("extent tree / indirect block of a file"),
    RESERVED_INODE("reserved inode"),
    IN_USE_UNOWNED("in-use block no inode claims"),
    FREE_SPACE("free space"),
    UNUSED("unused bytes (boot area, padding)"),
    OUTSIDE_FILESYSTEM("past the end of the filesystem");

    private final String words;

    MetadataKind(String words) {
        this.words = words;
    }

    /** How a report names this kind. */
    public String words() {
        return words;
    }
}
