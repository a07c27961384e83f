package io.qrescue.recovery.files;

import java.util.List;

/**
 * Which files and filesystem structures of an ext4 volume the damaged ranges hit.
 *
 * @param superblockUsed 0 if the primary superblock was read, else the backup superblock block number used
 * @param files          damaged files, by path
 * @param metadata       damage outside file contents, by volume offset
 * @param warnings       things the tools reported that make the answer less certain
 */
public record FileImpact(int blockSizeBytes, long filesystemSizeBytes, long superblockUsed, List<DamagedFile> files,
                         List<Ext4MetadataDamage> metadata, List<String> warnings) {

    public FileImpact {
        files = List.copyOf(files);
        metadata = List.copyOf(metadata);
        warnings = List.copyOf(warnings);
    }
}
