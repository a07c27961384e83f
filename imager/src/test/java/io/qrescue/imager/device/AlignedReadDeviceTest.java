package io.qrescue.imager.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.imager.testing.PatternDevice;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlignedReadDeviceTest {

    /** Records the requests that reach the device below. */
    private static final class RequestLog implements BlockDevice {
        final PatternDevice data = new PatternDevice(4096, 512, 5);
        final List<long[]> requests = new ArrayList<>();

        @Override
        public long size() {
            return data.size();
        }

        @Override
        public int sectorSize() {
            return 512;
        }

        @Override
        public ReadOutcome read(long pos, ByteBuffer dst) {
            requests.add(new long[] {pos, dst.remaining()});
            return data.read(pos, dst);
        }

        @Override
        public void close() {
        }
    }

    @Test
    void shouldReadWholeSectorsAndReturnOnlyTheRequestedBytes() {
        RequestLog below = new RequestLog();
        AlignedReadDevice device = new AlignedReadDevice(below);
        ByteBuffer buffer = ByteBuffer.allocate(1000);
        ReadOutcome outcome = device.read(100, buffer);
        // spec 2.2: "-i 100 -s 1000 issues one 1536-byte read at 0"
        assertThat(below.requests).containsExactly(new long[] {0, 1536});
        assertThat(outcome.copiedBytes()).isEqualTo(1000);
        assertThat(buffer.get(0)).isEqualTo(below.data.byteAt(100));
        assertThat(buffer.get(999)).isEqualTo(below.data.byteAt(1099));
    }

    @Test
    void shouldReportFailuresOfTheRequestedPartOnly() {
        BlockDevice faulty = new FaultModelDevice(new PatternDevice(4096, 512, 5), FaultModel.ofSpec("bad 1024 512"),
                new io.qrescue.imager.time.VirtualClock());
        ReadOutcome outcome = new AlignedReadDevice(faulty).read(100, ByteBuffer.allocate(1000));
        assertThat(outcome).isEqualTo(ReadOutcome.failed(924, 76, ReadError.EIO, 0));
    }

    @Test
    void shouldNotShareItsBufferWithAnAbandonedReadStillRunning() throws Exception {
        byte[] content = new byte[8192];
        new java.util.Random(3).nextBytes(content);
        java.util.concurrent.CountDownLatch stuck = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch scribbled = new java.util.concurrent.CountDownLatch(1);
        MemoryDevice memory = new MemoryDevice(content, 512);
        // the first read hangs inside the device; when it wakes, during the second read, it writes garbage
        // into the memory it was given, as a pread finishing late does
        BlockDevice hangingOnce = new BlockDevice() {
            private final java.util.concurrent.atomic.AtomicBoolean first = new java.util.concurrent.atomic.AtomicBoolean(true);

            @Override
            public long size() {
                return memory.size();
            }

            @Override
            public int sectorSize() {
                return 512;
            }

            @Override
            public ReadOutcome read(long pos, java.nio.ByteBuffer dst) {
                try {
                    if (first.getAndSet(false)) {
                        stuck.countDown();
                        release.await();
                        for (int i = 0; i < dst.capacity(); i++) {
                            dst.put(i, (byte) 0x5A);
                        }
                        scribbled.countDown();
                        return new ReadOutcome(0, dst.remaining(), ReadError.EIO, 0);
                    }
                    ReadOutcome outcome = memory.read(pos, dst);
                    release.countDown();
                    scribbled.await();
                    return outcome;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return new ReadOutcome(0, dst.remaining(), ReadError.EIO, 0);
                }
            }

            @Override
            public boolean reopen() {
                return true;
            }

            @Override
            public void close() {
            }
        };
        AlignedReadDevice device = new AlignedReadDevice(hangingOnce);
        Thread abandoned = new Thread(() -> device.read(0, java.nio.ByteBuffer.allocate(4608)));
        abandoned.start();
        stuck.await();

        java.nio.ByteBuffer second = java.nio.ByteBuffer.allocate(4000);
        ReadOutcome outcome = device.read(700, second);
        abandoned.join();

        assertThat(outcome.copiedBytes()).isEqualTo(4000);
        assertThat(java.util.Arrays.copyOf(second.array(), 4000))
                .isEqualTo(java.util.Arrays.copyOfRange(content, 700, 4700));
    }
}
