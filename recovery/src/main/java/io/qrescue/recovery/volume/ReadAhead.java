package io.qrescue.recovery.volume;

import io.qrescue.recovery.source.Extent;
import io.qrescue.recovery.source.ExtentMap;
import io.qrescue.recovery.source.ImageSource;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads the mapped (non-hole) bytes of a volume from its image in volume order, chunk by chunk, on a thread of
 * its own that fills a small ring of reusable direct buffers ahead of the one consumer; so reading the image
 * overlaps with whatever the consumer does with the previous chunks. {@link #close} stops and joins the
 * thread, after which the image is no longer touched.
 *
 * <p>The reading thread is never interrupted: an interrupt would close the image's channel under its owner.
 */
final class ReadAhead implements AutoCloseable {

    /**
     * Chunk {@code lengthBytes} bytes of the volume from {@code logicalStart}, stored on the image from {@code
     * physicalStart}; {@code buffer} holds the {@code readBytes} bytes the image has there (fewer when the extent
     * reaches past the image's end) from position 0, the rest of the chunk reads as zeros.
     */
    record Chunk(long logicalStart, long physicalStart, int lengthBytes, int readBytes, ByteBuffer buffer) {
    }

    /** What the reading thread hands over: a chunk, or the reason it stopped. */
    private record Filled(Chunk chunk, Throwable failure) {
    }

    private final ImageSource image;
    private final ExtentMap extents;
    private final int chunkBytes;
    private final BlockingQueue<ByteBuffer> free;
    private final BlockingQueue<Filled> filled;
    private final Thread thread;
    private volatile boolean stopping;

    private ReadAhead(ImageSource image, ExtentMap extents, int chunkBytes, int ringChunks) {
        this.image = image;
        this.extents = extents;
        this.chunkBytes = chunkBytes;
        // capacities leave room for the stop signal and the failure besides every buffer
        this.free = new ArrayBlockingQueue<>(ringChunks + 1);
        this.filled = new ArrayBlockingQueue<>(ringChunks + 1);
        for (int i = 0; i < ringChunks; i++) {
            free.add(ByteBuffer.allocateDirect(chunkBytes));
        }
        this.thread = new Thread(this::readAll, "qrescue-read-ahead");
        thread.setDaemon(true);
    }

    /** Starts reading {@code extents} of {@code image} in chunks of up to {@code chunkBytes}, {@code ringChunks} ahead. */
    static ReadAhead start(ImageSource image, ExtentMap extents, int chunkBytes, int ringChunks) {
        ReadAhead readAhead = new ReadAhead(image, extents, chunkBytes, ringChunks);
        readAhead.thread.start();
        return readAhead;
    }

    /**
     * Bytes of the chunk at {@code logical} with {@code remaining} bytes left in its extent: chunks end on
     * {@link VolumeExtractor#SPARSE_UNIT} boundaries of the volume, so that zero runs are judged aligned.
     */
    static int chunkLength(long logical, long remaining, int chunkBytes) {
        return (int) Math.min(remaining, chunkBytes - logical % VolumeExtractor.SPARSE_UNIT);
    }

    /**
     * The next chunk in volume order, waiting for it; a {@link VolumeReadException} if reading it failed.
     */
    Chunk next() throws IOException {
        Filled f;
        try {
            f = filled.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("extraction interrupted while waiting for the image");
        }
        if (f.failure() == null) {
            return f.chunk();
        }
        filled.add(f); // the failure stays: every later call reports it
        if (f.failure() instanceof IOException io) {
            throw io;
        }
        if (f.failure() instanceof RuntimeException re) {
            throw re;
        }
        throw (Error) f.failure();
    }

    /** Gives the buffer of a chunk that {@link #next} returned back to the ring. */
    void recycle(Chunk chunk) {
        free.add(chunk.buffer());
    }

    @Override
    public void close() {
        stopping = true;
        free.offer(ByteBuffer.allocate(0)); // wakes the thread if it waits for a buffer
        boolean interrupted = false;
        while (true) {
            try {
                thread.join(); // at most one chunk's read away
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void readAll() {
        long logical = -1;
        long physical = -1;
        try {
            for (Extent extent : extents.extents()) {
                if (extent.isHole()) {
                    continue;
                }
                for (long at = 0; at < extent.length(); ) {
                    ByteBuffer buffer = free.take();
                    if (stopping) {
                        return;
                    }
                    logical = extent.logicalStart() + at;
                    physical = extent.physicalStart() + at;
                    int length = chunkLength(logical, extent.length() - at, chunkBytes);
                    buffer.clear().limit(length);
                    int read = image.read(physical, buffer); // short past the image's end
                    buffer.flip();
                    filled.add(new Filled(new Chunk(logical, physical, length, read, buffer), null));
                    at += length;
                }
            }
        } catch (IOException e) {
            filled.add(new Filled(null, new VolumeReadException(physical, logical, e)));
        } catch (InterruptedException e) {
            // nobody interrupts this thread (see the class comment); stop like close() asked
        } catch (RuntimeException | Error e) {
            filled.add(new Filled(null, e));
        }
    }
}
