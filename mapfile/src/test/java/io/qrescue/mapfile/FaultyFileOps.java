package io.qrescue.mapfile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * Real file operations that fail at one chosen event. Every call is one event and every byte written is one
 * event, so counting the fault point up from 0 fails each step and each byte offset of a save in turn; a
 * write that reaches the fault writes the bytes before it first.
 *
 * <p>In {@link Mode#CRASH} the process is taken to die at the fault: every later call fails too, so no
 * clean-up runs. Device flushes are counted as steps but not performed: which names and contents are visible
 * does not depend on them, and skipping them keeps thousands of trials fast. Their order is checked instead:
 * renaming a file whose content was not forced fails the test, since after a power loss it could be empty.
 */
final class FaultyFileOps implements FileOps {

    enum Mode {
        /** The failing call throws; the program goes on (and cleans up). */
        THROW,
        /** The failing call and everything after it throws, as if the process had died. */
        CRASH
    }

    static final long NEVER = Long.MAX_VALUE;

    private final FileOps real = JdkFileOps.INSTANCE;
    private final long failAt;
    private final Mode mode;
    private final boolean hardLinks;
    private final Set<Path> notForced = new HashSet<>();
    private long events;
    private String firedAt;

    /** @param hardLinks false to behave like FAT/exFAT, where link(2) fails with EPERM */
    FaultyFileOps(long failAt, Mode mode, boolean hardLinks) {
        this.failAt = failAt;
        this.mode = mode;
        this.hardLinks = hardLinks;
    }

    /** Where the fault fired, or null if the save never reached it. */
    String firedAt() {
        return firedAt;
    }

    private void step(String name) throws IOException {
        if (firedAt != null && mode == Mode.CRASH) {
            throw new IOException("dead process: " + name);
        }
        if (events++ == failAt) {
            firedAt = name;
            throw new IOException("injected fault: " + name);
        }
    }

    @Override
    public Output createNew(Path file) throws IOException {
        step("create " + file.getFileName());
        Output out = real.createNew(file);
        notForced.add(file);
        return new Output() {
            private long written;

            @Override
            public int write(ByteBuffer src) throws IOException {
                step("write");
                notForced.add(file);
                long budget = failAt - events;
                if (budget >= 0 && budget < src.remaining()) {
                    ByteBuffer head = src.duplicate();
                    head.limit(head.position() + (int) budget);
                    while (head.hasRemaining()) {
                        out.write(head);
                    }
                    events = failAt + 1;
                    firedAt = "write at byte " + (written + budget);
                    throw new IOException("injected fault: " + firedAt);
                }
                int n = out.write(src);
                events += n;
                written += n;
                return n;
            }

            @Override
            public void force() throws IOException {
                step("force");
                notForced.remove(file);
            }

            @Override
            public void close() throws IOException {
                out.close(); // the descriptor goes away even when the process dies
                step("close");
            }
        };
    }

    @Override
    public boolean exists(Path file) throws IOException {
        step("exists " + file.getFileName());
        return real.exists(file);
    }

    @Override
    public void createLink(Path link, Path existing) throws IOException {
        step("link " + link.getFileName());
        if (!hardLinks) {
            throw new FileSystemException(link.toString(), existing.toString(), "Operation not permitted");
        }
        real.createLink(link, existing);
    }

    @Override
    public void copyDurably(Path source, Path target) throws IOException {
        step("copy " + target.getFileName());
        Files.copy(source, target);
    }

    @Override
    public void moveAtomically(Path source, Path target) throws IOException {
        step("move " + source.getFileName());
        if (notForced.contains(source)) {
            throw new AssertionError("renamed " + source + " before forcing its content to the device");
        }
        real.moveAtomically(source, target);
    }

    @Override
    public boolean deleteIfExists(Path file) throws IOException {
        step("delete " + file.getFileName());
        return real.deleteIfExists(file);
    }

    @Override
    public void syncDirectory(Path dir) throws IOException {
        step("sync directory");
    }
}
