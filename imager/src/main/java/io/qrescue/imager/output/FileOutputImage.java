package io.qrescue.imager.output;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;

/** An output file opened like ddrescue does: created if absent, never truncated unless asked (-t). */
public final class FileOutputImage implements OutputImage {

    /** S_IFMT and the types whose fsync(2) fails with EINVAL (/dev/null, a pipe), which ddrescue ignores. */
    private static final int S_IFMT = 0170000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFIFO = 0010000;

    private final FileChannel channel;
    private final boolean syncable;

    private FileOutputImage(FileChannel channel, boolean syncable) {
        this.channel = channel;
        this.syncable = syncable;
    }

    /**
     * Opens or creates {@code path} for writing; {@code readable} also opens it for reading (ddrescue -W).
     */
    public static FileOutputImage open(Path path, boolean readable) throws IOException {
        Set<OpenOption> options = new HashSet<>();
        options.add(StandardOpenOption.CREATE);
        options.add(StandardOpenOption.WRITE);
        if (readable) {
            options.add(StandardOpenOption.READ);
        }
        FileChannel channel = FileChannel.open(path, options);
        return new FileOutputImage(channel, syncable(path));
    }

    /** False for character devices and FIFOs, where fsync fails with EINVAL; true where the mode is unknown. */
    private static boolean syncable(Path path) {
        try {
            int type = (Integer) Files.getAttribute(path, "unix:mode") & S_IFMT;
            return type != S_IFCHR && type != S_IFIFO;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return true;
        }
    }

    @Override
    public void write(long pos, ByteBuffer src) throws IOException {
        long at = pos;
        while (src.hasRemaining()) {
            at += channel.write(src, at);
        }
    }

    @Override
    public int read(long pos, ByteBuffer dst) throws IOException {
        int total = 0;
        while (dst.hasRemaining()) {
            int n = channel.read(dst, pos + total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    @Override
    public long size() throws IOException {
        return channel.size();
    }

    @Override
    public void truncate(long size) throws IOException {
        long current = channel.size();
        if (size < current) {
            channel.truncate(size);
        } else if (size > current) {
            channel.write(ByteBuffer.wrap(new byte[1]), size - 1); // grows the file; the hole reads as zeros
        }
    }

    @Override
    public void sync() throws IOException {
        if (syncable) {
            channel.force(false);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
