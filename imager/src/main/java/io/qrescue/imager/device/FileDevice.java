package io.qrescue.imager.device;

import io.qrescue.imager.time.TimeSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A regular file (or anything a read-only {@link FileChannel} can read) as a block device. The source is only
 * ever opened for reading. Size is the channel size, which the JDK reports as 0 for Linux block devices.
 */
public final class FileDevice implements BlockDevice {

    private final Path path;
    private final int sectorSize;
    private final TimeSource time;
    private FileChannel channel;

    private FileDevice(Path path, int sectorSize, TimeSource time) throws IOException {
        this.path = path;
        this.sectorSize = sectorSize;
        this.time = time;
        this.channel = FileChannel.open(path, StandardOpenOption.READ);
    }

    /** Opens {@code path} read-only. */
    public static FileDevice open(Path path, int sectorSize, TimeSource time) throws IOException {
        if (sectorSize < 1) {
            throw new IllegalArgumentException("sector size must be positive");
        }
        return new FileDevice(path, sectorSize, time);
    }

    @Override
    public long size() {
        try {
            return channel.size();
        } catch (IOException e) {
            return 0;
        }
    }

    @Override
    public int sectorSize() {
        return sectorSize;
    }

    @Override
    public ReadOutcome read(long pos, ByteBuffer dst) {
        long start = time.epochNanos();
        int requested = dst.remaining();
        int copied = 0;
        try {
            while (dst.hasRemaining()) {
                int n = channel.read(dst, pos + copied);
                if (n < 0) {
                    break; // end of file: copied < requested without error
                }
                copied += n;
            }
        } catch (IOException e) {
            return ReadOutcome.failed(copied, requested - copied, ReadError.EIO, time.epochNanos() - start);
        }
        return ReadOutcome.copied(copied, time.epochNanos() - start);
    }

    @Override
    public boolean reopen() {
        try {
            channel.close();
            channel = FileChannel.open(path, StandardOpenOption.READ);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    @Override
    public String toString() {
        return "FileDevice[" + path + "]";
    }
}
