package io.qrescue.recovery.source;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** An image file (or block device) opened read-only. */
public final class FileImageSource implements ImageSource {

    private final FileChannel channel;
    private final long size;

    private FileImageSource(FileChannel channel, long size) {
        this.channel = channel;
        this.size = size;
    }

    /** Opens {@code path} read-only; never for writing. */
    public static FileImageSource open(Path path) throws IOException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
        try {
            // size() of a block device node is 0 through FileChannel; seeking to the end gives its size.
            long size = ch.size();
            if (size == 0) {
                try (var raf = new java.io.RandomAccessFile(path.toFile(), "r")) {
                    size = raf.length();
                }
            }
            return new FileImageSource(ch, size);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public int read(long offset, ByteBuffer dst) throws IOException {
        if (offset < 0) {
            throw new IllegalArgumentException("negative offset " + offset);
        }
        int total = 0;
        while (dst.hasRemaining() && offset + total < size) {
            int n = channel.read(dst, offset + total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /**
     * An image read without a mapfile: every byte counts as good (as ddrescue's own output is trusted when no
     * map says otherwise). {@link RescuedImage} adds the mapfile.
     */
    @Override
    public List<Damage> damageIn(long offset, long length) {
        return List.of();
    }
}
