package io.qrescue.recovery.files;

import java.util.List;

/**
 * Damage to something other than a file's contents: a filesystem structure, a directory, the journal, or
 * bytes no file uses.
 *
 * @param volumeRange the damaged bytes of the volume
 * @param group       block group of the structure, or -1 where groups do not apply
 * @param inodes      inodes concerned: those whose records lie in a damaged inode table range, or the owner of
 *                    a damaged directory, journal or mapping block
 * @param paths       paths of those inodes that a directory names
 * @param detail      one plain sentence for a report
 */
public record Ext4MetadataDamage(MetadataKind kind, ByteRange volumeRange, int group, List<Long> inodes,
                             List<String> paths, String detail) {

    public Ext4MetadataDamage {
        inodes = List.copyOf(inodes);
        paths = List.copyOf(paths);
    }
}
