package io.qrescue.recovery.vm.qemu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageChecksumsTest {

    @Test
    void shouldPassWhenImagesAreUnchangedAndFailLoudlyWhenOneChanged(@TempDir Path dir) throws Exception {
        Path a = Files.write(dir.resolve("a.img"), new byte[]{1, 2, 3});
        Path b = Files.write(dir.resolve("b.img"), new byte[]{4});
        ImageChecksums sums = ImageChecksums.record(List.of(a, b));
        sums.verifyUnchanged();
        assertThat(sums.before().get(a)).isEqualTo("039058c6f2c0cb492c533b0a4d14ef77cc0f78abccced5287d84a1a2011cfb81");
        Files.write(b, new byte[]{5});
        assertThatThrownBy(sums::verifyUnchanged).isInstanceOf(ImageChecksums.ImageChangedException.class)
                .hasMessageContaining("IMAGE CHANGED").hasMessageContaining(b.toString())
                .hasMessageNotContaining(a.toString());
    }
}
