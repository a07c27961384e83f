package io.qrescue.imager.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class FileOutputImageTest {

    @Test
    @EnabledOnOs(OS.LINUX)
    void shouldSyncDevNullWithoutErrorAsDdrescueIgnoresEinval() throws Exception {
        try (FileOutputImage image = FileOutputImage.open(Path.of("/dev/null"), false)) {
            image.write(0, ByteBuffer.wrap(new byte[4096]));
            assertThatCode(image::sync).doesNotThrowAnyException();
        }
    }

    @Test
    void shouldWriteAndSyncARegularFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("out.img");
        try (FileOutputImage image = FileOutputImage.open(file, false)) {
            image.write(512, ByteBuffer.wrap(new byte[] {1, 2, 3}));
            image.sync();
        }
        assertThat(Files.size(file)).isEqualTo(515);
    }
}
