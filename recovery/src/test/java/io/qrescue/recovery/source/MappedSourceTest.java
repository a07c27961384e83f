package io.qrescue.recovery.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class MappedSourceTest {

    @Test
    void shouldReadExtentsFromBelowAndHolesAsZeros() throws Exception {
        byte[] lower = new byte[100];
        for (int i = 0; i < lower.length; i++) {
            lower[i] = (byte) (i + 1);
        }
        ExtentMap map = ExtentMap.builder().add(new Extent(0, 4, 50)).add(new Extent(8, 4, 10)).build(16);
        MappedSource s = new MappedSource(new ByteArraySource(lower), map);
        assertThat(s.size()).isEqualTo(16);
        ByteBuffer all = ByteBuffer.allocate(20);
        assertThat(s.read(0, all)).isEqualTo(16);
        assertThat(all.array()).startsWith(51, 52, 53, 54, 0, 0, 0, 0, 11, 12, 13, 14, 0, 0, 0, 0);
        assertThat(s.readFully(9, 2)).containsExactly(12, 13);
    }

    @Test
    void shouldReadZerosPastTheEndOfTheSourceBelowAndCallThemUnreadable() throws Exception {
        ExtentMap map = ExtentMap.builder().add(new Extent(0, 10, 95)).build(10);
        byte[] lower = new byte[100];
        java.util.Arrays.fill(lower, (byte) 9);
        MappedSource s = new MappedSource(new ByteArraySource(lower), map);
        ByteBuffer all = ByteBuffer.allocate(10);
        assertThat(s.read(0, all)).isEqualTo(10);
        assertThat(all.array()).containsExactly(9, 9, 9, 9, 9, 0, 0, 0, 0, 0);
        assertThat(s.damageIn(0, 10)).extracting(Damage::offset, Damage::length, Damage::kind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(5L, 5L, DamageKind.UNREADABLE));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.readGood(0, 10))
                .isInstanceOf(UnreadableBytesException.class);
    }
}
