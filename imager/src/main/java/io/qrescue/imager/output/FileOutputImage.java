package io.qrescue.imager.output;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;

/** An output file opened like ddrescue does: created if absent, never truncated unless asked (-t). */
public final class FileOutputImage implements OutputImage {

    private final FileChannel channel;

    private FileOutputImage(FileChannel channel) {
        this.channel = channel;
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
        return new FileOutputImage(FileChannel.open(path, options));
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
        channel.force(false);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
