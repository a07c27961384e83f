package io.qrescue.recovery.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.mapfile.BlockMap;
import io.qrescue.mapfile.BlockStatus;
import io.qrescue.mapfile.StatusBlock;
import io.qrescue.recovery.testing.RandomVolume;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MappedSourceDamageTest {

    @Test
    void shouldReadHolesAsZerosAndDataFromTheImage() throws Exception {
        byte[] image = new byte[100];
        Arrays.fill(image, (byte) 7);
        image[50] = 9;
        ExtentMap map = ExtentMap.builder().add(new Extent(10, 5, 48)).build(20);
        MappedSource reader = new MappedSource(new ByteArraySource(image), map);
        assertThat(reader.readFully(0, 20)).containsExactly(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 7, 7, 9, 7, 7, 0, 0, 0, 0, 0);
        assertThat(reader.size()).isEqualTo(20);
        assertThat(reader.read(20, ByteBuffer.allocate(4))).isZero();
    }

    @Test
    void shouldReportDamageWithVolumeAndImageOffsets() {
        BlockMap damage = BlockMap.of(List.of(new StatusBlock(0, 1000, BlockStatus.FINISHED),
                new StatusBlock(1000, 10, BlockStatus.BAD_SECTOR), new StatusBlock(1010, 990, BlockStatus.FINISHED)));
        ExtentMap map = ExtentMap.builder().add(new Extent(0, 100, 950)).add(Extent.hole(100, 50))
                .add(new Extent(150, 100, 1005)).build(300);
        MappedSource reader = new MappedSource(RescuedImage.of("image", new ByteArraySource(new byte[2000]), Readability.of(damage)), map);
        assertThat(reader.damageIn(0, 300)).containsExactly(
                new Damage(50, 10, DamageKind.UNREADABLE, BlockStatus.BAD_SECTOR, new Damage.Origin("image", 1000),
                        "bad-sector"),
                new Damage(150, 5, DamageKind.UNREADABLE, BlockStatus.BAD_SECTOR, new Damage.Origin("image", 1005),
                        "bad-sector"));
        assertThat(reader.isGood(60, 90)).isTrue();
        assertThat(reader.isGood(59, 2)).isFalse();
        assertThat(reader.damagedBytes()).isEqualTo(15);
    }

    @Test
    void shouldCountExtentsPastTheImageEndAsNeverTriedZeros() throws Exception {
        ExtentMap map = ExtentMap.builder().add(new Extent(0, 8, 96)).build(8);
        byte[] image = new byte[100];
        Arrays.fill(image, (byte) 1);
        MappedSource reader = new MappedSource(new ByteArraySource(image), map);
        assertThat(reader.readFully(0, 8)).containsExactly(1, 1, 1, 1, 0, 0, 0, 0);
        assertThat(reader.damageIn(0, 8)).containsExactly(new Damage(4, 4, DamageKind.UNREADABLE,
                BlockStatus.NON_TRIED, null, "past the end of the source below"));
        assertThat(reader.damagedBytes()).isEqualTo(4);
    }

    @Test
    void shouldAgreeWithTheByteModelOnRandomVolumes() throws Exception {
        for (int seed = 0; seed < 200; seed++) {
            RandomVolume v = RandomVolume.generate(seed, 20_000, 30_000, 1, true);
            MappedSource reader = v.reader();
            Random rnd = new Random(seed);
            int size = v.expected.length;
            for (int probe = 0; probe < 20; probe++) {
                int from = rnd.nextInt(size);
                int length = 1 + rnd.nextInt(size - from);
                assertThat(reader.readFully(from, length)).as("seed %d read %d+%d", seed, from, length)
                        .isEqualTo(Arrays.copyOfRange(v.expected, from, from + length));
                BlockStatus[] seen = new BlockStatus[length];
                Arrays.fill(seen, BlockStatus.FINISHED);
                for (Damage d : reader.damageIn(from, length)) {
                    for (long i = 0; i < d.length(); i++) {
                        int logical = (int) (d.offset() + i);
                        seen[logical - from] = d.status();
                        if (v.physicalOf[logical] < v.image.length) {
                            assertThat(d.origin().offset() + i).as("seed %d image offset of volume byte %d", seed,
                                    logical).isEqualTo(v.physicalOf[logical]);
                        } else {
                            assertThat(d.origin()).as("seed %d past the image's end", seed).isNull();
                        }
                    }
                }
                assertThat(seen).as("seed %d damage in %d+%d", seed, from, length)
                        .isEqualTo(Arrays.copyOfRange(v.expectedStatus, from, from + length));
            }
        }
    }
}
