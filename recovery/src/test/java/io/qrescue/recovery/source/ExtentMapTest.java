package io.qrescue.recovery.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ExtentMapTest {

    @Test
    void shouldMergeContinuingExtentsAndFillGapsWithHoles() {
        ExtentMap m = ExtentMap.builder().add(new Extent(0, 10, 100)).add(new Extent(10, 5, 110))
                .add(new Extent(20, 5, 0)).build(30);
        assertThat(m.extents()).containsExactly(new Extent(0, 15, 100), Extent.hole(15, 5), new Extent(20, 5, 0),
                Extent.hole(25, 5));
    }

    @Test
    void shouldRefuseOverlapAndOverrun() {
        assertThatThrownBy(() -> ExtentMap.builder().add(new Extent(0, 10, 0)).add(new Extent(5, 10, 50)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ExtentMap.builder().add(new Extent(0, 10, 0)).build(5))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldComposeThroughALowerMap() {
        ExtentMap lv = ExtentMap.builder().add(new Extent(0, 100, 50)).build(100);
        ExtentMap pv = ExtentMap.builder().add(new Extent(0, 120, 1000)).add(new Extent(120, 100, 5000)).build(220);
        assertThat(lv.through(pv).extents()).containsExactly(new Extent(0, 70, 1050), new Extent(70, 30, 5000));
    }

    /** Lookup and reverse lookup agree with a byte-by-byte model on random maps. */
    @Test
    void shouldAgreeWithAByteModelOnRandomMaps() {
        Random rnd = new Random(42);
        for (int round = 0; round < 300; round++) {
            int size = 1 + rnd.nextInt(200);
            long[] physicalOf = new long[size];
            ExtentMap.Builder b = ExtentMap.builder();
            int pos = 0;
            while (pos < size) {
                int len = 1 + rnd.nextInt(Math.min(20, size - pos));
                boolean hole = rnd.nextInt(4) == 0;
                long phys = rnd.nextInt(300);
                if (!hole) {
                    b.add(new Extent(pos, len, phys));
                }
                for (int i = 0; i < len; i++) {
                    physicalOf[pos + i] = hole ? -1 : phys + i;
                }
                pos += len;
            }
            ExtentMap m = b.build(size);
            int from = rnd.nextInt(size);
            int len = 1 + rnd.nextInt(size - from);
            long[] seen = new long[len];
            for (Extent e : m.lookup(from, len)) {
                for (int i = 0; i < e.length(); i++) {
                    seen[(int) (e.logicalStart() - from) + i] = e.isHole() ? -1 : e.physicalStart() + i;
                }
            }
            for (int i = 0; i < len; i++) {
                assertThat(seen[i]).as("round %d byte %d", round, from + i).isEqualTo(physicalOf[from + i]);
            }
            int pFrom = rnd.nextInt(300);
            int pLen = 1 + rnd.nextInt(50);
            List<Long> expected = new ArrayList<>();
            for (int l = 0; l < size; l++) {
                if (physicalOf[l] >= pFrom && physicalOf[l] < pFrom + pLen) {
                    expected.add((long) l);
                }
            }
            List<Long> actual = new ArrayList<>();
            for (Extent e : m.reverse(pFrom, pLen)) {
                for (int i = 0; i < e.length(); i++) {
                    actual.add(e.logicalStart() + i);
                    assertThat(physicalOf[(int) (e.logicalStart() + i)]).isEqualTo(e.physicalStart() + i);
                }
            }
            actual.sort(null);
            assertThat(actual).as("round %d reverse %d+%d", round, pFrom, pLen).isEqualTo(expected);
        }
    }
}
