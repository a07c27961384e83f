package io.qrescue.recovery.files;

import java.util.List;

/**
 * What debugfs {@code stat} says about one inode: its type, size and where its blocks are.
 *
 * @param type          debugfs' word: regular, directory, symlink, FIFO, socket, ...
 * @param dataRuns      file blocks → filesystem blocks, in logical order (holes are absent)
 * @param mappingBlocks blocks holding the file's extent tree nodes or indirect blocks
 */
public record InodeStat(long inode, String type, long sizeBytes, List<DataRun> dataRuns, List<Long> mappingBlocks) {

    /** {@code count} blocks of the file from {@code logicalBlock} stored from {@code physicalBlock}. */
    public record DataRun(long logicalBlock, long physicalBlock, long count, boolean unwritten) {
    }

    public InodeStat {
        dataRuns = List.copyOf(dataRuns);
        mappingBlocks = List.copyOf(mappingBlocks);
    }

    public boolean isDirectory() {
        return type.equals("directory");
    }
}
