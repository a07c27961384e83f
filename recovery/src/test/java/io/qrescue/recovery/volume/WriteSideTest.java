package io.qrescue.recovery.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** The output side of an extraction: the sparse writer, over a fake channel. */
class WriteSideTest {

    @Test
    void shouldNameTheVolumeOffsetOfAFailedWrite() {
        SparseWriter writer = new SparseWriter(new FakeOutputChannel(1_000_000));
        ByteBuffer data = ByteBuffer.allocateDirect(8192);
        data.put(0, (byte) 1).put(4096, (byte) 2);
        assertThatThrownBy(() -> writer.write(data, 1_000_000 - 4096))
                .isInstanceOf(IOException.class)
                .hasMessage("writing at volume offset 995904: No space left on device");
    }
}
