package io.qrescue.recovery.stack.lvm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LvmCrcOracleTest {

    /** Bit by bit, as lvm2's crc.c describes it: reflected polynomial, seed 0xf597a6cf, no final inversion. */
    private static int bitwise(byte[] data) {
        int crc = (int) LvmCrc.INITIAL;
        for (byte b : data) {
            crc ^= b & 0xff;
            for (int k = 0; k < 8; k++) {
                crc = (crc >>> 1) ^ ((crc & 1) != 0 ? 0xEDB88320 : 0);
            }
        }
        return crc;
    }

    @Test
    void shouldMatchTheBitwiseDefinitionOnRandomInputs() {
        Random random = new Random(5);
        for (int i = 0; i < 200; i++) {
            byte[] data = new byte[random.nextInt(700)];
            random.nextBytes(data);
            assertThat((int) LvmCrc.of(data, 0, data.length)).isEqualTo(bitwise(data));
        }
    }

    @Test
    void shouldMatchZlibsCrcSeededWithTheInvertedInitialValueAndInvertedBack() {
        // independent oracle: python3 -c "import zlib; print(hex(zlib.crc32(b'123456789', 0xF597A6CF ^ 0xFFFFFFFF)
        // ^ 0xFFFFFFFF))" prints 0x4991cf02 (the relation the reference lab's lvmparse.py uses)
        byte[] digits = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertThat((int) LvmCrc.of(digits, 0, digits.length)).isEqualTo(0x4991cf02);
        assertThat((int) LvmCrc.of(new byte[0], 0, 0)).isEqualTo((int) LvmCrc.INITIAL);
    }
}
