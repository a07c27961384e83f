package io.qrescue.mapfile;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * The file-system calls a mapfile save makes, one method per step. {@link MapfileFiles} does all its I/O
 * through this seam so tests can fail any step, or the write at any byte, and check what is left on disk.
 */
interface FileOps {

    /** A new file open for writing. */
    interface Output extends Closeable {

        /** Writes some of the remaining bytes of {@code src}, as {@link java.nio.channels.WritableByteChannel}. */
        int write(ByteBuffer src) throws IOException;

        /** Forces content and metadata to the device (fsync). */
        void force() throws IOException;
    }

    /** Creates {@code file}, which must not exist yet, and opens it for writing. */
    Output createNew(Path file) throws IOException;

    boolean exists(Path file) throws IOException;

    /** Gives {@code existing} the second name {@code link}; throws where the file system has no hard links. */
    void createLink(Path link, Path existing) throws IOException;

    /** Copies {@code source} to the new file {@code target} and forces the copy to the device. */
    void copyDurably(Path source, Path target) throws IOException;

    /** Renames {@code source} over {@code target} in one step (rename(2)); never falls back to copying. */
    void moveAtomically(Path source, Path target) throws IOException;

    boolean deleteIfExists(Path file) throws IOException;

    /** Forces the directory entries of {@code dir} to the device, so that renames in it survive a power loss. */
    void syncDirectory(Path dir) throws IOException;
}
