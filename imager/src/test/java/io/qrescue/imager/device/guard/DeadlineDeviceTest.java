package io.qrescue.imager.device.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.imager.device.BlockDevice;
import io.qrescue.imager.device.FaultModel;
import io.qrescue.imager.device.FaultModelDevice;
import io.qrescue.imager.device.ReadError;
import io.qrescue.imager.device.ReadOutcome;
import io.qrescue.imager.testing.BlockingTimeSource;
import io.qrescue.imager.testing.PatternDevice;
import io.qrescue.imager.time.VirtualClock;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class DeadlineDeviceTest {

    private static final long DEADLINE_NANOS = 200_000_000L;

    private final VirtualClock clock = new VirtualClock();
    private final BlockingTimeSource stuck = new BlockingTimeSource(clock);
    private final PatternDevice source = new PatternDevice(0x10000, 512, 3);
    private final List<DeviceEvent> events = new ArrayList<>();

    @AfterEach
    void releaseStuckReads() {
        stuck.release();
    }

    /** A device that hangs at 0x2000 and counts its reopens; {@code reopenWorks} false: the node is gone. */
    private final class HangingDevice implements BlockDevice {
        final FaultModelDevice faults = new FaultModelDevice(source, FaultModel.ofSpec("hang 0x2000 0x200 time=1h"),
                stuck);
        final boolean reopenWorks;
        final CountDownLatch hungReadReturned = new CountDownLatch(1);
        int reopens;

        HangingDevice(boolean reopenWorks) {
            this.reopenWorks = reopenWorks;
        }

        @Override
        public long size() {
            return faults.size();
        }

        @Override
        public int sectorSize() {
            return 512;
        }

        @Override
        public ReadOutcome read(long pos, ByteBuffer dst) {
            ReadOutcome outcome = faults.read(pos, dst);
            if (outcome.durationNanos() > 0) {
                hungReadReturned.countDown();
            }
            return outcome;
        }

        @Override
        public boolean reopen() {
            ++reopens;
            return reopenWorks;
        }

        @Override
        public void close() {
        }
    }

    @Test
    void shouldPassACompletedReadThrough() throws Exception {
        try (DeadlineDevice d = new DeadlineDevice(new HangingDevice(true), DEADLINE_NANOS, clock, events::add)) {
            ByteBuffer dst = ByteBuffer.allocate(0x1000);
            dst.position(0x10);
            ReadOutcome outcome = d.read(0x100, dst.slice(0x10, 0x800));
            assertThat(outcome).isEqualTo(ReadOutcome.copied(0x800, 0));
            assertThat(dst.get(0x10)).isEqualTo(source.byteAt(0x100));
            assertThat(dst.get(0x80F)).isEqualTo(source.byteAt(0x8FF));
            assertThat(events).isEmpty();
        }
    }

    @Test
    void shouldFailAHungReadAsTimeoutReopenAndReport() throws Exception {
        HangingDevice base = new HangingDevice(true);
        try (DeadlineDevice d = new DeadlineDevice(base, DEADLINE_NANOS, clock, events::add)) {
            long before = clock.epochNanos();
            ByteBuffer dst = ByteBuffer.allocate(0x1000);
            ReadOutcome outcome = d.read(0x1800, dst);
            assertThat(outcome).isEqualTo(ReadOutcome.failed(0, 0x1000, ReadError.TIMEOUT, DEADLINE_NANOS));
            assertThat(dst.position()).isZero();
            assertThat(base.reopens).isEqualTo(1);
            assertThat(clock.epochNanos() - before).isEqualTo(DEADLINE_NANOS);
            assertThat(events).containsExactly(new DeviceEvent.ReadTimedOut(0x1800, 0x1000, DEADLINE_NANOS, true));
            assertThat(events.get(0).message()).isEqualTo("read at 0x1800 timed out after 0.2 s; device reopened");
            // the next read is served by a fresh worker while the first one is still stuck
            assertThat(d.read(0, dst.clear()).copiedBytes()).isEqualTo(0x1000);
        }
    }

    @Test
    void shouldNeverLetAnAbandonedReadWriteIntoTheCallersBuffer() throws Exception {
        HangingDevice base = new HangingDevice(true);
        try (DeadlineDevice d = new DeadlineDevice(base, DEADLINE_NANOS, clock, events::add)) {
            ByteBuffer dst = ByteBuffer.allocate(0x2200);
            assertThat(d.read(0, dst).error()).isEqualTo(ReadError.TIMEOUT); // the good prefix 0..0x2000 is pending
            ByteBuffer next = ByteBuffer.allocate(0x2200);
            assertThat(d.read(0x4000, next).copiedBytes()).isEqualTo(0x2200);
            stuck.release();
            base.hungReadReturned.await(); // the abandoned worker has now read its good prefix 0..0x2000
            assertThat(dst.array()).containsOnly(0);
            assertThat(next.get(0)).isEqualTo(source.byteAt(0x4000));
            assertThat(next.get(0x21FF)).isEqualTo(source.byteAt(0x61FF));
        }
    }

    @Test
    void shouldLetTheReadAfterATimeoutWaitForTheAbandonedReadWithASettleTime() throws Exception {
        HangingDevice base = new HangingDevice(true);
        try (DeadlineDevice d = new DeadlineDevice(base, DEADLINE_NANOS, 3_600_000_000_000L, clock, events::add)) {
            assertThat(d.read(0x2000, ByteBuffer.allocate(512)).error()).isEqualTo(ReadError.TIMEOUT);
            Thread releaser = new Thread(() -> {
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                stuck.release();
            });
            releaser.start();

            ReadOutcome next = d.read(0, ByteBuffer.allocate(512));

            // a layer that serves one request at a time would have failed this read behind the stuck one
            assertThat(base.hungReadReturned.getCount()).as("the abandoned read returned first").isZero();
            assertThat(next.copiedBytes()).isEqualTo(512);
            assertThat(next.error()).isEqualTo(ReadError.NONE);
            releaser.join();
        }
    }

    @Test
    void shouldReportTheDeviceGoneWhenItCannotBeReopened() throws Exception {
        try (DeadlineDevice d = new DeadlineDevice(new HangingDevice(false), DEADLINE_NANOS, clock, events::add)) {
            ReadOutcome outcome = d.read(0x2000, ByteBuffer.allocate(0x200));
            assertThat(outcome.error()).isEqualTo(ReadError.ENODEV);
            assertThat(events).singleElement().extracting(DeviceEvent::message)
                    .isEqualTo("read at 0x2000 timed out after 0.2 s; device could not be reopened");
        }
    }
}
