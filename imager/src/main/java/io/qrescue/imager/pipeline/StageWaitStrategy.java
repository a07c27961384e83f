package io.qrescue.imager.pipeline;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.WaitStrategy;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Waits by sleeping, for the ring's cursor and for the stage before as well: the Disruptor's blocking strategy
 * sleeps only until a slot is published and then spins on the stage before, which would keep a core busy for
 * the whole of every disk read; on a shared two-core machine that core is needed. Every stage therefore calls
 * {@link #signalAllWhenBlocking()} after it advances its sequence.
 */
final class StageWaitStrategy implements WaitStrategy {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition advanced = lock.newCondition();

    @Override
    public long waitFor(long sequence, Sequence cursor, Sequence dependentSequence, SequenceBarrier barrier)
            throws AlertException, InterruptedException {
        long available = dependentSequence.get();
        if (available >= sequence) {
            return available;
        }
        lock.lock();
        try {
            while ((available = dependentSequence.get()) < sequence) {
                barrier.checkAlert();
                advanced.await();
            }
        } finally {
            lock.unlock();
        }
        return available;
    }

    @Override
    public void signalAllWhenBlocking() {
        lock.lock();
        try {
            advanced.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
