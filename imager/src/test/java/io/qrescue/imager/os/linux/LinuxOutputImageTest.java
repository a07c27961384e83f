package io.qrescue.imager.os.linux;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.imager.output.OutputImage;
import io.qrescue.imager.output.OutputImages;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** ddrescue -D on a real file: O_DIRECT writes of any range leave the bytes an ordinary write would. */
@EnabledOnOs(OS.LINUX)
class LinuxOutputImageTest {

    @TempDir
    Path dir;

    @Test
    void shouldWriteUnalignedRangesWithODirect() throws IOException {
        Path file = dir.resolve("out.img");
        Files.write(file, new byte[] {1, 2, 3}); // existing content is kept: never truncated on open
        byte[] model = {1, 2, 3};
        Random random = new Random(11);
        try (OutputImage image = OutputImages.open(file, true, true)) {
            for (int i = 0; i < 200; i++) {
                int pos = random.nextInt(1 << 20);
                byte[] data = new byte[1 + random.nextInt(70_000)];
                random.nextBytes(data);
                image.write(pos, ByteBuffer.wrap(data));
                if (pos + data.length > model.length) {
                    model = Arrays.copyOf(model, pos + data.length);
                }
                System.arraycopy(data, 0, model, pos, data.length);
            }
            image.sync();
            assertThat(image.size()).isEqualTo(model.length);
            ByteBuffer back = ByteBuffer.allocate(5000);
            assertThat(image.read(1, back)).isEqualTo(5000);
            assertThat(Arrays.equals(back.array(), 0, 5000, model, 1, 5001)).isTrue();
        }
        assertThat(Arrays.equals(Files.readAllBytes(file), model)).isTrue();
    }
}
