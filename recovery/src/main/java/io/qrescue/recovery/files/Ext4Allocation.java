package io.qrescue.recovery.files;

import io.qrescue.mapfile.Block;
import java.util.List;

/**
 * Where an ext4 filesystem keeps what, in volume bytes, as far as its good bytes tell: its own metadata (superblock,
 * group descriptors, bitmaps, the used part of the inode tables, the journal, directories, extent-tree blocks) and
 * the data of every regular file in use. Read in pure Java by {@link Ext4AllocationReader} while the disk is still
 * being imaged, so the rescue can read the filesystem's metadata first and then the files.
 *
 * @param metadata    volume byte ranges of the filesystem's metadata found so far, including the ones it could not
 *                    read yet ({@code pending})
 * @param pending     metadata ranges whose bytes are not good (not imaged yet, or unreadable): what they hold is
 *                    still unknown, so the allocation is incomplete while any remain
 * @param files       every regular file in use found through the readable inode tables, with its data
 * @param unknownInodes inodes in use whose records could not be read (their files' data is unknown)
 */
public record Ext4Allocation(int blockSizeBytes, List<Block> metadata, List<Block> pending, List<Ext4File> files,
        long unknownInodes) {

    public Ext4Allocation {
        metadata = List.copyOf(metadata);
        pending = List.copyOf(pending);
        files = List.copyOf(files);
    }

    /**
     * A regular file: its inode, a path from the root when a readable directory names it (else null), its size, and
     * the volume byte ranges of its written data (unwritten extents read as zeros and hold nothing to rescue);
     * {@code mapKnown} is false when part of its extent tree could not be read.
     */
    public record Ext4File(long inode, String path, long sizeBytes, List<Block> data, boolean mapKnown) {

        public Ext4File {
            data = List.copyOf(data);
        }

        /** The path, or "&lt;inode N&gt;" when no readable directory names the file. */
        public String name() {
            return path != null ? path : "<inode " + inode + ">";
        }

        public long dataBytes() {
            return data.stream().mapToLong(Block::size).sum();
        }
    }

    /** True when every metadata byte was read: the files and their data are all known. */
    public boolean complete() {
        return pending.isEmpty() && unknownInodes == 0 && files.stream().allMatch(Ext4File::mapKnown);
    }
}
