package io.qrescue.imager.device.guard;

import io.qrescue.imager.device.BlockDevice;
import io.qrescue.imager.device.ForwardingDevice;
import io.qrescue.imager.device.ReadError;
import io.qrescue.imager.device.ReadOutcome;
import io.qrescue.imager.time.TimeSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A per-read deadline, which ddrescue lacks: a drive that retries a sector internally can keep one
 * {@code pread} busy for minutes, and the kernel's own timeout (30 s, then resets) does not end it. Each read
 * runs on a worker thread; if it has not returned within the deadline, its whole request fails with
 * {@link ReadError#TIMEOUT} (an ordinary read error: the map gets {@code *} or {@code -} as for EIO), the
 * worker is abandoned, the device underneath is reopened and a {@link DeviceEvent.ReadTimedOut} is reported.
 * If the reopen fails the outcome is {@link ReadError#ENODEV}: the device is gone (a
 * {@link ReattachingDevice} above may find it again).
 *
 * <p>An abandoned worker may still write into its buffer when its read finally returns, so each read gets a
 * buffer of its own and the data is copied to the caller's buffer only when the read completes; the buffer of a
 * completed read is kept for the next one, the buffer of an abandoned read never is. Workers are daemon
 * threads, never joined and never interrupted (an interrupt would close a {@code FileChannel} for all readers).
 * The base device must tolerate an abandoned read still running while the next read or the reopen happens
 * ({@code pread} does). Several callers may read at once (the copy pipeline's readers): each read checks the
 * spare buffer out, so no two reads share one.
 *
 * <p>A stuck read usually holds up the whole device: a disk in error recovery, or a layer that serves one
 * request at a time (nbdkit, FUSE), queues every later read behind it, and those would time out too, failing
 * good sectors. With a settle time, a read after a timeout first waits (up to that long) for the abandoned read
 * to return; the abandoned read's own area stays failed.
 */
public final class DeadlineDevice extends ForwardingDevice {

    private static final AtomicInteger THREAD_NUMBER = new AtomicInteger();

    private final long deadlineNanos;
    private final long settleNanos;
    private final AtomicReference<Future<ReadOutcome>> abandoned = new AtomicReference<>();
    private final TimeSource time;
    private final DeviceEventListener listener;
    // cached pool: a stuck worker keeps its thread, the next read gets a new one
    private final ExecutorService workers = Executors.newCachedThreadPool(task -> {
        Thread t = new Thread(task, "qrescue-read-" + THREAD_NUMBER.incrementAndGet());
        t.setDaemon(true); // a read stuck in the kernel must not keep the JVM alive
        return t;
    });
    // buffer of the last completed read; null after a timeout or while a read has it
    private final AtomicReference<ByteBuffer> spare = new AtomicReference<>();

    /**
     * @param deadlineNanos how long a read may take, positive
     * @param time          the engine's clock: a timed-out read lasts at least the deadline on it, so a virtual
     *                      clock shows the same time as a real one would
     */
    public DeadlineDevice(BlockDevice base, long deadlineNanos, TimeSource time, DeviceEventListener listener) {
        this(base, deadlineNanos, 0, time, listener);
    }

    /**
     * @param settleNanos how long a read after a timeout waits for the abandoned read to return first (real
     *                    time); 0: not at all
     */
    public DeadlineDevice(BlockDevice base, long deadlineNanos, long settleNanos, TimeSource time,
            DeviceEventListener listener) {
        super(base);
        if (settleNanos < 0) {
            throw new IllegalArgumentException("settle time must not be negative: " + settleNanos);
        }
        this.settleNanos = settleNanos;
        if (deadlineNanos <= 0) {
            throw new IllegalArgumentException("deadline must be positive: " + deadlineNanos);
        }
        this.deadlineNanos = deadlineNanos;
        this.time = time;
        this.listener = listener;
    }

    @Override
    public ReadOutcome read(long pos, ByteBuffer dst) {
        int requested = dst.remaining();
        if (requested == 0) {
            return ReadOutcome.copied(0, 0);
        }
        awaitAbandoned();
        ByteBuffer checkedOut = spare.getAndSet(null);
        ByteBuffer own = checkedOut != null && checkedOut.capacity() >= requested ? checkedOut
                : ByteBuffer.allocate(requested);
        own.clear().limit(requested);
        long start = time.epochNanos();
        Future<ReadOutcome> pending = workers.submit(() -> base.read(pos, own));
        ReadOutcome outcome;
        try {
            outcome = pending.get(deadlineNanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            abandoned.set(pending);
            return timedOut(pos, requested, start);
        } catch (InterruptedException e) {
            // the run is being stopped: the area stays as it was tried, without a reopen or an event
            Thread.currentThread().interrupt();
            return ReadOutcome.failed(0, requested, ReadError.TIMEOUT, time.epochNanos() - start);
        } catch (ExecutionException e) {
            spare.set(own);
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("read failed", e.getCause());
        }
        own.flip().limit(outcome.copiedBytes());
        dst.put(own);
        spare.set(own);
        return outcome;
    }

    /** Waits up to the settle time for the last abandoned read, if it is still running. */
    private void awaitAbandoned() {
        Future<ReadOutcome> stuck = abandoned.get();
        if (stuck == null || settleNanos == 0) {
            return;
        }
        try {
            stuck.get(settleNanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return; // still stuck: read anyway, later reads may time out behind it
        } catch (ExecutionException e) {
            // it failed: the device is free again
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        abandoned.compareAndSet(stuck, null);
    }

    private ReadOutcome timedOut(long pos, int requested, long start) {
        long waited = time.epochNanos() - start;
        if (waited < deadlineNanos) {
            sleep(deadlineNanos - waited); // only a virtual clock lags behind the real wait
        }
        boolean reopened = base.reopen();
        listener.deviceEvent(new DeviceEvent.ReadTimedOut(pos, requested, deadlineNanos, reopened));
        return ReadOutcome.failed(0, requested, reopened ? ReadError.TIMEOUT : ReadError.ENODEV, deadlineNanos);
    }

    private void sleep(long nanos) {
        try {
            time.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Closes the base device; stuck workers are left to finish or die with the JVM. */
    @Override
    public void close() throws IOException {
        workers.shutdown();
        base.close();
    }
}
