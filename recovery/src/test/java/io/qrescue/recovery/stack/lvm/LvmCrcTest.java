package io.qrescue.recovery.stack.lvm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

class LvmCrcTest {

    @Test
    void shouldBeTheReflectedCrc32TableWithAnotherSeedAndNoFinalXor() {
        Random r = new Random(6);
        for (int i = 0; i < 200; i++) {
            byte[] b = new byte[r.nextInt(600)];
            r.nextBytes(b);
            CRC32 zip = new CRC32();
            zip.update(b);
            // zlib's CRC32 = seed 0xffffffff + final XOR; with that seed ours must agree.
            assertThat(LvmCrc.update(0xffffffffL, b, 0, b.length) ^ 0xffffffffL).isEqualTo(zip.getValue());
        }
    }

    @Test
    void shouldStartFromLvmsSeed() {
        assertThat(LvmCrc.of(new byte[0], 0, 0)).isEqualTo(0xf597a6cfL);
        byte[] one = {0};
        assertThat(LvmCrc.of(one, 0, 1)).isEqualTo(LvmCrc.update(0xf597a6cfL, one, 0, 1));
    }
}
