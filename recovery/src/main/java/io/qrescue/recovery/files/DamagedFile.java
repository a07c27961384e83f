package io.qrescue.recovery.files;

import java.util.List;

/**
 * A file whose contents a damaged volume range hits.
 *
 * @param paths          every path naming the inode (hard links); empty if no directory names it
 * @param type           debugfs' word for the inode type (regular, symlink, ...), "unknown" if the inode is damaged
 * @param sizeBytes      the file size, or -1 when unknown (inode damaged and not read)
 * @param damagedRanges  damaged bytes as offsets within the file, merged and sorted; clipped to the file size
 * @param inodeDamaged   the inode record itself lies in a damaged part of the inode table: size, owner and
 *                       block map may be wrong, treat the whole file as lost
 * @param mappingDamaged an extent tree node or indirect block of the file is damaged: parts of the file may
 *                       be unreachable even where its data blocks are intact
 * @param provenanceUnknown some of the damage is of unknown provenance (the stack's metadata could not vouch for
 *                       where those volume bytes come from), not merely unreadable
 */
public record DamagedFile(long inode, List<String> paths, String type, long sizeBytes, List<ByteRange> damagedRanges,
                          boolean inodeDamaged, boolean mappingDamaged, boolean provenanceUnknown) {

    /** A file whose damage is all unreadable bytes (none of unknown provenance). */
    public DamagedFile(long inode, List<String> paths, String type, long sizeBytes, List<ByteRange> damagedRanges,
            boolean inodeDamaged, boolean mappingDamaged) {
        this(inode, paths, type, sizeBytes, damagedRanges, inodeDamaged, mappingDamaged, false);
    }

    public DamagedFile {
        paths = List.copyOf(paths);
        damagedRanges = List.copyOf(damagedRanges);
    }

    /** The first path, or "&lt;inode N&gt;" for a file no directory names. */
    public String displayPath() {
        return paths.isEmpty() ? "<inode " + inode + ">" : paths.get(0);
    }

    /** Bytes of the file inside damaged ranges. */
    public long damagedBytes() {
        return damagedRanges.stream().mapToLong(ByteRange::lengthBytes).sum();
    }
}
