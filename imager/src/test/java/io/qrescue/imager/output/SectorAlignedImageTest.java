package io.qrescue.imager.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SectorAlignedImageTest {

    /** A raw file in memory that, like O_DIRECT, refuses anything not sector-aligned. */
    private static class StrictRaw implements RawImage {
        final int sector;
        byte[] content = new byte[0];
        int writes;

        StrictRaw(int sector) {
            this.sector = sector;
        }

        private void check(long pos, ByteBuffer buf) {
            assertThat(pos % sector).as("offset alignment").isZero();
            assertThat(buf.remaining() % sector).as("length alignment").isZero();
            assertThat(buf.isDirect()).isTrue();
            assertThat(buf.alignmentOffset(buf.position(), sector)).as("address alignment").isZero();
        }

        @Override
        public int readAt(long pos, ByteBuffer dst) {
            check(pos, dst);
            int n = (int) Math.max(0, Math.min(dst.remaining(), content.length - pos));
            if (n > 0) {
                dst.put(content, (int) pos, n);
            }
            return n;
        }

        @Override
        public void writeAt(long pos, ByteBuffer src) {
            check(pos, src);
            writes++;
            int end = (int) pos + src.remaining();
            if (end > content.length) {
                content = Arrays.copyOf(content, end);
            }
            src.get(content, (int) pos, src.remaining());
        }

        @Override
        public long size() {
            return content.length;
        }

        @Override
        public void truncate(long size) {
            content = Arrays.copyOf(content, (int) size);
        }

        @Override
        public void sync() {
        }

        @Override
        public void close() {
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {512, 4096})
    void shouldWriteAnyRangeAsAnUnalignedFileWould(int sector) throws Exception {
        StrictRaw raw = new StrictRaw(sector);
        SectorAlignedImage image = new SectorAlignedImage(raw, sector);
        byte[] model = new byte[0];
        Random random = new Random(sector);
        for (int i = 0; i < 500; i++) {
            int pos = random.nextInt(300_000);
            byte[] data = new byte[1 + random.nextInt(i % 10 == 0 ? 150_000 : 3000)];
            random.nextBytes(data);
            image.write(pos, ByteBuffer.wrap(data));
            if (pos + data.length > model.length) {
                model = Arrays.copyOf(model, pos + data.length);
            }
            System.arraycopy(data, 0, model, pos, data.length);
            assertThat(image.size()).isEqualTo(model.length);
        }
        assertThat(Arrays.equals(raw.content, model)).isTrue();

        for (int i = 0; i < 100; i++) {
            int pos = random.nextInt(model.length);
            ByteBuffer dst = ByteBuffer.allocate(1 + random.nextInt(10_000));
            int n = image.read(pos, dst);
            assertThat(n).isEqualTo(Math.min(dst.capacity(), model.length - pos));
            assertThat(Arrays.equals(dst.array(), 0, n, model, pos, pos + n)).isTrue();
        }
    }

    @Test
    void shouldWriteAlignedRangesWithoutReadingBack() throws Exception {
        StrictRaw raw = new StrictRaw(4096) {
            @Override
            public int readAt(long pos, ByteBuffer dst) {
                throw new AssertionError("read-modify-write of an aligned write");
            }
        };
        SectorAlignedImage image = new SectorAlignedImage(raw, 4096);
        image.write(8192, ByteBuffer.wrap(new byte[65536]));
        assertThat(raw.writes).isEqualTo(1);
        assertThat(image.size()).isEqualTo(8192 + 65536);
    }
}
