package io.qrescue.recovery.vm.lvmfix;

import io.qrescue.recovery.stack.lvm.LvmCrc;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LvmChecksumTest {

    @Test
    void shouldMatchLvmsSeededCrcWithoutFinalXor() {
        // reference: zlib.crc32(data, 0xf597a6cf ^ 0xffffffff) ^ 0xffffffff
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertThat((int) LvmCrc.of(check, 0, check.length)).isEqualTo(0x4991cf02);
        assertThat((int) LvmCrc.of(check, 0, 0)).isEqualTo(0xf597a6cf);
    }
}
