package io.qrescue.imager.testing;

import io.qrescue.imager.time.TimeSource;
import io.qrescue.imager.time.VirtualClock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A clock whose time is a {@link VirtualClock} but whose sleeps really block until {@link #release()}: a fault
 * model hang on it is a read stuck in the kernel, which only a deadline can get out of.
 */
public final class BlockingTimeSource implements TimeSource {

    private final VirtualClock clock;
    private final CountDownLatch released = new CountDownLatch(1);
    private final AtomicInteger sleepers = new AtomicInteger();

    public BlockingTimeSource(VirtualClock clock) {
        this.clock = clock;
    }

    @Override
    public long epochNanos() {
        return clock.epochNanos();
    }

    @Override
    public void sleep(long nanos) throws InterruptedException {
        sleepers.incrementAndGet();
        released.await();
    }

    /** How many sleeps have started (each one a stuck read). */
    public int sleepers() {
        return sleepers.get();
    }

    /** Lets every stuck sleep return. */
    public void release() {
        released.countDown();
    }
}
