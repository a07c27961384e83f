package io.qrescue.recovery.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageSourceTest {

    @Test
    void shouldReadASliceAndStopAtItsEnd(@TempDir Path dir) throws IOException {
        byte[] bytes = new byte[1000];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        Path file = dir.resolve("img");
        Files.write(file, bytes);
        try (FileImageSource src = FileImageSource.open(file)) {
            ImageSource slice = src.slice(100, 50).slice(10, 100);
            assertThat(slice.size()).isEqualTo(40);
            assertThat(slice.readFully(0, 2)).containsExactly((byte) 110, (byte) 111);
            ByteBuffer buf = ByteBuffer.allocate(64);
            assertThat(slice.read(30, buf)).isEqualTo(10);
            assertThatThrownBy(() -> slice.readFully(39, 2)).hasMessageContaining("offset 39");
        }
        assertThat(new ByteArraySource(bytes).slice(990, 100).size()).isEqualTo(10);
    }
}
