package io.qrescue.recovery.volume;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Starts the write-back of an output file's dirty pages while it is still being written: after every {@code
 * everyBytes} written, a thread of its own forces the file's data to the device, so the disk writes while the
 * copy goes on and the final force finds little left. A failed force is reported by {@link #written} or
 * {@link #finish}, never lost: the kernel reports a write-back error to one fsync only, and the final force
 * may not see it.
 *
 * <p>The thread is never interrupted: an interrupt would close the output's channel under its owner.
 */
final class BackgroundFlush implements AutoCloseable {

    private final FileChannel out;
    private final long everyBytes;
    /** One pending request at most: requests made while one waits are the same request. */
    private final BlockingQueue<Boolean> requests = new ArrayBlockingQueue<>(1);
    private final Thread thread;
    private volatile boolean stopping;
    private volatile IOException failure;
    private long sinceLastBytes;

    private BackgroundFlush(FileChannel out, long everyBytes) {
        this.out = out;
        this.everyBytes = everyBytes;
        this.thread = new Thread(this::flushWhenAsked, "qrescue-write-back");
        thread.setDaemon(true);
    }

    /** Forces {@code out} on a thread of its own after every {@code everyBytes} that {@link #written} counts. */
    static BackgroundFlush start(FileChannel out, long everyBytes) {
        BackgroundFlush flush = new BackgroundFlush(out, everyBytes);
        flush.thread.start();
        return flush;
    }

    /** Counts {@code bytes} just written; asks for a force each time {@code everyBytes} have piled up. */
    void written(long bytes) throws IOException {
        check();
        sinceLastBytes += bytes;
        if (sinceLastBytes >= everyBytes) {
            sinceLastBytes = 0;
            requests.offer(Boolean.TRUE);
        }
    }

    /** Waits for a force under way and stops the thread; throws the failure of any force it ran. */
    void finish() throws IOException {
        close();
        check();
    }

    /** Throws the failure of a force that ran since the start. */
    private void check() throws IOException {
        IOException f = failure;
        if (f != null) {
            throw new IOException("write-back of the output failed: " + f.getMessage(), f);
        }
    }

    /** Stops the thread and waits for a force under way; a failure is lost (the extraction failed already). */
    @Override
    public void close() {
        stopping = true;
        requests.clear();
        requests.offer(Boolean.FALSE);
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void flushWhenAsked() {
        try {
            while (requests.take() && !stopping) {
                out.force(false);
            }
        } catch (IOException e) {
            failure = e;
        } catch (InterruptedException e) {
            // nobody interrupts this thread (see the class comment)
        }
    }
}
