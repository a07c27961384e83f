package io.qrescue.recovery.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens an ext4 image for reading with e2fsprogs: the layout from dumpe2fs through the primary superblock, or
 * else through the first backup superblock that works (group 1's, for each possible block size).
 */
final class Ext4Opening {

    /** The layout and the tools set to the superblock it came from. */
    record Opened(Ext4Layout layout, E2fsTools tools) {
    }

    private static final int[] BLOCK_SIZES = {4096, 1024, 2048, 8192, 16384, 32768, 65536};

    private Ext4Opening() {
    }

    static Opened open(E2fsTools primary, Path image, Path workDir) throws IOException {
        if (!Files.isRegularFile(image) || !Files.isReadable(image)) {
            throw new IOException(image + ": not a readable file");
        }
        Attempt first = attempt(primary, image, workDir);
        if (first.layout() != null) {
            return new Opened(first.layout(), primary);
        }
        for (int blockSize : BLOCK_SIZES) {
            // group 1 starts after 8 * blockSize blocks; with 1 KiB blocks block 0 is the boot block
            long backup = blockSize == 1024 ? 8193 : 8L * blockSize;
            E2fsTools tools = primary.withSuperblock(backup, blockSize);
            Attempt a = attempt(tools, image, workDir);
            if (a.layout() != null) {
                return new Opened(a.layout(), tools);
            }
        }
        throw new UnreadableFilesystemException(image + ": no ext2/3/4 filesystem e2fsprogs can open ("
                + first.error() + "), neither through a backup superblock");
    }

    /** A layout, or the first error line dumpe2fs gave. */
    private record Attempt(Ext4Layout layout, String error) {
    }

    private static Attempt attempt(E2fsTools tools, Path image, Path workDir) throws IOException {
        E2fsTools.Run run = tools.dumpe2fs(image, workDir);
        try {
            return new Attempt(Dumpe2fsParser.parse(run.stdout()), null);
        } catch (IllegalArgumentException e) {
            String err = run.stderr().lines().filter(l -> !l.isBlank() && !l.startsWith("dumpe2fs 1."))
                    .findFirst().orElse(e.getMessage());
            return new Attempt(null, err.trim());
        }
    }
}
