package io.qrescue.imager.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class AlignmentTest {

    @Test
    void shouldWidenLikeDdrescueDirectInput() {
        // spec 2.2: "-i 100 -s 1000 issues one 1536-byte read at 0"
        assertThat(Alignment.widen(100, 1000, 512)).isEqualTo(new Alignment.Span(0, 100, 1536));
        assertThat(Alignment.widen(4096, 4096, 4096)).isEqualTo(new Alignment.Span(4096, 0, 4096));
        assertThat(Alignment.widen(4095, 2, 4096)).isEqualTo(new Alignment.Span(0, 4095, 8192));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 256, 512, 520, 4096})
    void shouldCoverTheRequestWithTheFewestWholeSectors(int sector) {
        Random random = new Random(sector);
        for (int i = 0; i < 2000; i++) {
            long pos = random.nextInt(1 << 24);
            int size = 1 + random.nextInt(1 << 17);
            Alignment.Span span = Alignment.widen(pos, size, sector);
            assertThat(span.pos() % sector).isZero();
            assertThat(span.end() % sector).isZero();
            assertThat(span.pos()).isLessThanOrEqualTo(pos).isGreaterThan(pos - sector);
            assertThat(span.end()).isGreaterThanOrEqualTo(pos + size).isLessThan(pos + size + sector);
            assertThat(span.pos() + span.pre()).isEqualTo(pos);
        }
    }

    @Test
    void shouldRoundToMultiples() {
        assertThat(Alignment.alignDown(4097, 4096)).isEqualTo(4096);
        assertThat(Alignment.alignUp(4097, 4096)).isEqualTo(8192);
        assertThat(Alignment.alignUp(8192, 4096)).isEqualTo(8192);
        assertThat(Alignment.alignUp(0, 512)).isZero();
        assertThat(Alignment.isAligned(1536, 512)).isTrue();
        assertThat(Alignment.isAligned(1537, 512)).isFalse();
        assertThatThrownBy(() -> Alignment.alignUp(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldAllocateDirectBuffersAlignedInNativeMemory() {
        for (int capacity : new int[] {1, 512, 4096, 65536 + 3}) {
            ByteBuffer buffer = Alignment.allocateAligned(capacity, 4096);
            assertThat(buffer.isDirect()).isTrue();
            assertThat(buffer.position()).isZero();
            assertThat(buffer.capacity()).isEqualTo(capacity);
            // alignmentOffset(0, 4096) is the native address of byte 0 modulo 4096
            assertThat(buffer.alignmentOffset(0, 4096)).isZero();
        }
    }
}
