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
}
