package io.qrescue.recovery.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Opens an ext4 image for reading with e2fsprogs: the layout from dumpe2fs through the primary superblock, or
 * else through the first backup superblock that works (group 1's, for each possible block size). A superblock on
 * bytes that are not good (unreadable, or of unknown provenance) is never tried: its bytes are not the volume's.
 */
final class Ext4Opening {

    /** The layout and the tools set to the superblock it came from. */
    record Opened(Ext4Layout layout, E2fsTools tools) {
    }

    private static final int[] BLOCK_SIZES = {4096, 1024, 2048, 8192, 16384, 32768, 65536};

    private Ext4Opening() {
    }

    static Opened open(E2fsTools primary, Path image, Path workDir) throws IOException {
        return open(primary, image, workDir, List.of());
    }

    /** As {@link #open(E2fsTools, Path, Path)}, trying no superblock that lies on {@code notGood} volume bytes. */
    static Opened open(E2fsTools primary, Path image, Path workDir, List<ByteRange> notGood) throws IOException {
        if (!Files.isRegularFile(image) || !Files.isReadable(image)) {
            throw new IOException(image + ": not a readable file");
        }
        Attempt first = meets(notGood, 1024) ? new Attempt(null, "the primary superblock lies on damaged bytes")
                : attempt(primary, image, workDir);
        if (first.layout() != null) {
            return new Opened(first.layout(), primary);
        }
        for (int blockSize : BLOCK_SIZES) {
            // group 1 starts after 8 * blockSize blocks; with 1 KiB blocks block 0 is the boot block
            long backup = blockSize == 1024 ? 8193 : 8L * blockSize;
            if (meets(notGood, backup * blockSize)) {
                continue;
            }
            E2fsTools tools = primary.withSuperblock(backup, blockSize);
            Attempt a = attempt(tools, image, workDir);
            if (a.layout() != null) {
                return new Opened(a.layout(), tools);
            }
        }
        throw new UnreadableFilesystemException(image + ": no ext2/3/4 filesystem e2fsprogs can open ("
                + first.error() + "), neither through a backup superblock");
    }

    /** Opens {@code image} through the superblock {@code tools} are set to, and no other. */
    static Opened through(E2fsTools tools, Path image, Path workDir) throws IOException {
        Attempt a = attempt(tools, image, workDir);
        if (a.layout() == null) {
            throw new UnreadableFilesystemException(image + ": no ext2/3/4 filesystem e2fsprogs can open through "
                    + "the superblock at block " + tools.superblock() + " (" + a.error() + ")");
        }
        return new Opened(a.layout(), tools);
    }

    /** True when the superblock (1024 bytes) at volume byte {@code at} meets one of {@code ranges}. */
    private static boolean meets(List<ByteRange> ranges, long at) {
        return ranges.stream().anyMatch(r -> r.clip(at, at + 1024) != null);
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
