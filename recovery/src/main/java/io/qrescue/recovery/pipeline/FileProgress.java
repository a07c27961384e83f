package io.qrescue.recovery.pipeline;

import java.util.List;

/**
 * How far the files of one volume are: every byte of a complete file's data is imaged (or healed from the other
 * members of its array), so it can be copied out as it is.
 *
 * @param volume        "vg/lv"
 * @param filesTotal    regular files found in the readable inode tables
 * @param complete      the complete ones, with their sizes
 * @param fileBytesLeft bytes of file data not imaged yet (or unreadable)
 * @param unknownInodes files whose inode records could not be read yet: not counted, their data unknown
 * @param allKnown      the filesystem's metadata was read whole: the totals are final
 */
public record FileProgress(String volume, int filesTotal, List<File> complete, long fileBytesLeft,
        long unknownInodes, boolean allKnown) {

    /** A complete file: its path in the volume (or "&lt;inode N&gt;" when no readable directory names it). */
    public record File(String path, long sizeBytes) {
    }

    public FileProgress {
        complete = List.copyOf(complete);
    }

    /** "vg1/lv1: 10 of 12 files complete, 1234 bytes of file data left". */
    public String summary() {
        return volume + ": " + complete.size() + " of " + filesTotal + " files complete, " + fileBytesLeft
                + " bytes of file data left" + (allKnown ? "" : " (filesystem metadata not all read: "
                + (unknownInodes > 0 ? unknownInodes + " inodes unknown" : "more files may appear") + ")");
    }
}
