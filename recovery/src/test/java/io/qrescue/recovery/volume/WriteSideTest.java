package io.qrescue.recovery.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The output side of an extraction: the sparse writer and the write-back thread, over a fake channel. */
class WriteSideTest {

    @Test
    void shouldNameTheVolumeOffsetOfAFailedWrite() {
        SparseWriter writer = new SparseWriter(new FakeOutputChannel(1_000_000, false));
        ByteBuffer data = ByteBuffer.allocateDirect(8192);
        data.put(0, (byte) 1).put(4096, (byte) 2);
        assertThatThrownBy(() -> writer.write(data, 1_000_000 - 4096))
                .isInstanceOf(IOException.class)
                .hasMessage("writing at volume offset 995904: No space left on device");
    }

    @Test
    void shouldReportAFailedBackgroundForceAtTheEnd() throws Exception {
        FakeOutputChannel out = new FakeOutputChannel(Long.MAX_VALUE, true);
        BackgroundFlush flush = BackgroundFlush.start(out, 1 << 20);
        flush.written(1 << 20);
        assertThat(out.forced.await(60, TimeUnit.SECONDS)).as("the write-back thread forced").isTrue();
        assertThatThrownBy(flush::finish).isInstanceOf(IOException.class)
                .hasMessage("write-back of the output failed: Input/output error");
    }

    @Test
    void shouldForceOnlyAfterEnoughBytes() throws Exception {
        FakeOutputChannel out = new FakeOutputChannel(Long.MAX_VALUE, false);
        BackgroundFlush flush = BackgroundFlush.start(out, 1 << 20);
        flush.written((1 << 20) - 1);
        flush.finish();
        assertThat(out.forces).isZero();

        FakeOutputChannel out2 = new FakeOutputChannel(Long.MAX_VALUE, false);
        BackgroundFlush flush2 = BackgroundFlush.start(out2, 1 << 20);
        flush2.written(1 << 20);
        assertThat(out2.forced.await(60, TimeUnit.SECONDS)).isTrue();
        flush2.finish();
        assertThat(out2.forces).isEqualTo(1);
    }
}
