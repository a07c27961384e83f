package io.qrescue.imager.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadLoopTest {

    /** Answers each call with the next scripted result: a byte count (filled with the position's low byte) or -errno. */
    private static final class Script implements ReadLoop.Call {
        final Deque<Long> results = new ArrayDeque<>();
        final List<long[]> calls = new ArrayList<>();

        Script(long... results) {
            for (long r : results) {
                this.results.add(r);
            }
        }

        @Override
        public long read(long pos, ByteBuffer dst, int length) {
            calls.add(new long[] {pos, length});
            long r = results.isEmpty() ? 0 : results.poll();
            for (int i = 0; i < Math.min(r, length); i++) {
                dst.put((byte) (pos + i));
            }
            return r < 0 ? r : Math.min(r, length);
        }
    }

    @Test
    void shouldContinueAfterShortReadsUntilComplete() {
        Script script = new Script(100, 300, 624);
        ByteBuffer dst = ByteBuffer.allocate(1024);
        assertThat(ReadLoop.readFully(0, dst, 4096, 0, script)).isEqualTo(ReadOutcome.copied(1024, 0));
        assertThat(script.calls).containsExactly(new long[] {0, 1024}, new long[] {100, 924}, new long[] {400, 624});
        assertThat(dst.get(999)).isEqualTo((byte) 999);
    }

    @Test
    void shouldSplitRequestsLargerThanOneCall() {
        Script script = new Script(512, 512, 100);
        ReadOutcome outcome = ReadLoop.readFully(0, ByteBuffer.allocate(1124), 512, 0, script);
        assertThat(outcome).isEqualTo(ReadOutcome.copied(1124, 0));
        assertThat(script.calls).extracting(c -> c[1]).containsExactly(512L, 512L, 100L);
    }

    @Test
    void shouldStopAtEndOfFileWithoutError() {
        Script script = new Script(700, 0);
        assertThat(ReadLoop.readFully(0, ByteBuffer.allocate(1024), 4096, 0, script))
                .isEqualTo(ReadOutcome.copied(700, 0));
    }

    @Test
    void shouldRetryAfterEintr() {
        Script script = new Script(-4, 1024);
        assertThat(ReadLoop.readFully(0, ByteBuffer.allocate(1024), 4096, 0, script))
                .isEqualTo(ReadOutcome.copied(1024, 0));
    }

    @Test
    void shouldReportTheRestOfTheRequestAsFailedWithTheErrno() {
        Script script = new Script(512, -5);
        ByteBuffer dst = ByteBuffer.allocate(2048);
        assertThat(ReadLoop.readFully(0, dst, 4096, 0, script)).isEqualTo(ReadOutcome.failed(512, 1536, ReadError.EIO, 0));
        assertThat(dst.position()).isEqualTo(512);
        assertThat(ReadLoop.readFully(0, ByteBuffer.allocate(512), 4096, 0, new Script(-22)))
                .isEqualTo(ReadOutcome.failed(0, 512, ReadError.EINVAL, 0));
        assertThat(ReadLoop.readFully(0, ByteBuffer.allocate(512), 4096, 0, new Script(-19)))
                .isEqualTo(ReadOutcome.failed(0, 512, ReadError.ENODEV, 0));
    }

    @Test
    void shouldTreatAnUnalignedShortDirectReadAsEndOfFile() {
        // a 1000-byte file read with O_DIRECT: the kernel returns 1000, and a read at 1000 would be EINVAL
        Script script = new Script(1000, -22);
        assertThat(ReadLoop.readFully(0, ByteBuffer.allocate(1024), 4096, 512, script))
                .isEqualTo(ReadOutcome.copied(1000, 0));
        assertThat(script.calls).hasSize(1);
        // an aligned short direct read goes on, as ddrescue's loop does
        Script aligned = new Script(512, 0);
        assertThat(ReadLoop.readFully(0, ByteBuffer.allocate(1024), 4096, 512, aligned))
                .isEqualTo(ReadOutcome.copied(512, 0));
        assertThat(aligned.calls).hasSize(2);
    }
}
