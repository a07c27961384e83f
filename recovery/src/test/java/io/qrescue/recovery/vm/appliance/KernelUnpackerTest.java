package io.qrescue.recovery.vm.appliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelUnpackerTest {

    @Test
    void shouldFindTheXzStreamInsideTheImage() {
        byte[] image = new byte[100];
        System.arraycopy(KernelUnpacker.XZ_MAGIC, 0, image, 37, KernelUnpacker.XZ_MAGIC.length);
        assertThat(KernelUnpacker.xzOffset(image)).isEqualTo(37);
        assertThat(KernelUnpacker.xzOffset(new byte[100])).isEqualTo(-1);
    }

    @Test
    void shouldKeepTheBzImageWhenTheKernelHasNoPvhEntry(@TempDir Path dir) throws Exception {
        Path bzImage = Files.write(dir.resolve("vmlinuz"), new byte[64]);
        Path config = Files.writeString(dir.resolve("config"), "CONFIG_PVH=n\n");
        assertThat(KernelUnpacker.unpack(bzImage, config, dir.resolve("vmlinux"))).isFalse();
        assertThat(KernelUnpacker.unpack(bzImage, dir.resolve("no-config"), dir.resolve("vmlinux"))).isFalse();
        assertThat(dir.resolve("vmlinux")).doesNotExist();
    }

    @Test
    void shouldKeepTheBzImageWhenItHoldsNoXzStream(@TempDir Path dir) throws Exception {
        Path bzImage = Files.write(dir.resolve("vmlinuz"), new byte[64]);
        Path config = Files.writeString(dir.resolve("config"), "CONFIG_PVH=y\n");
        assertThat(KernelUnpacker.unpack(bzImage, config, dir.resolve("vmlinux"))).isFalse();
        assertThat(dir.resolve("vmlinux")).doesNotExist();
    }
}
