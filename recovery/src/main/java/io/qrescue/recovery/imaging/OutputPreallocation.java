package io.qrescue.recovery.imaging;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * ddrescue's {@code -p}: make room for the whole rescue domain in a regular output file before copying, so a
 * destination that is too small is found at the start and not hours later. ddrescue calls posix_fallocate;
 * pure Java cannot reserve blocks, so this checks that the file system has the room and extends the file to
 * the domain's end (the native layer may add a real fallocate).
 */
final class OutputPreallocation {

    private OutputPreallocation() {
    }

    /**
     * Makes room in {@code output} up to {@code domainEnd + offset} if it is shorter (ddrescue's condition:
     * output size - offset < domain end).
     *
     * @throws IOException with the reason ("No space left on device") when the room is not there
     */
    static void ensureRoom(Path output, long offset, long domainPos, long domainEnd) throws IOException {
        long size = Files.size(output);
        if (size - offset >= domainEnd) {
            return;
        }
        long needed = domainEnd + offset;
        long missing = needed - Math.max(size, domainPos + offset);
        FileStore store = Files.getFileStore(output);
        if (missing > store.getUsableSpace()) {
            throw new IOException("No space left on device");
        }
        try (RandomAccessFile file = new RandomAccessFile(output.toFile(), "rw")) {
            file.setLength(needed);
        }
    }
}
