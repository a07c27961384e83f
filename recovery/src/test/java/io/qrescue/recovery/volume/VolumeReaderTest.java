package io.qrescue.recovery.volume;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.mapfile.BlockMap;
import io.qrescue.mapfile.BlockStatus;
import io.qrescue.mapfile.StatusBlock;
import io.qrescue.recovery.source.ByteArraySource;
import io.qrescue.recovery.source.Extent;
import io.qrescue.recovery.source.ExtentMap;
import io.qrescue.recovery.source.Readability;
import io.qrescue.recovery.testing.RandomVolume;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class VolumeReaderTest {

    @Test
    void shouldReadHolesAsZerosAndDataFromTheImage() throws Exception {
        byte[] image = new byte[100];
        Arrays.fill(image, (byte) 7);
        image[50] = 9;
        ExtentMap map = ExtentMap.builder().add(new Extent(10, 5, 48)).build(20);
        VolumeReader reader = new VolumeReader(new ByteArraySource(image), map, Readability.allReadable());
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
        VolumeReader reader = new VolumeReader(new ByteArraySource(new byte[2000]), map, Readability.of(damage));
        assertThat(reader.damageIn(0, 300)).containsExactly(
                new VolumeDamage(50, 10, 1000, BlockStatus.BAD_SECTOR),
                new VolumeDamage(150, 5, 1005, BlockStatus.BAD_SECTOR));
        assertThat(reader.isReadable(60, 90)).isTrue();
        assertThat(reader.isReadable(59, 2)).isFalse();
        assertThat(reader.damagedBytes()).isEqualTo(15);
    }

    @Test
    void shouldCountExtentsPastTheImageEndAsNeverTriedZeros() throws Exception {
        ExtentMap map = ExtentMap.builder().add(new Extent(0, 8, 96)).build(8);
        byte[] image = new byte[100];
        Arrays.fill(image, (byte) 1);
        VolumeReader reader = new VolumeReader(new ByteArraySource(image), map, Readability.allReadable());
        assertThat(reader.readFully(0, 8)).containsExactly(1, 1, 1, 1, 0, 0, 0, 0);
        assertThat(reader.damageIn(0, 8)).containsExactly(new VolumeDamage(4, 4, 100, BlockStatus.NON_TRIED));
        assertThat(reader.damagedBytes()).isEqualTo(4);
    }

    @Test
    void shouldAgreeWithTheByteModelOnRandomVolumes() throws Exception {
        for (int seed = 0; seed < 200; seed++) {
            RandomVolume v = RandomVolume.generate(seed, 20_000, 30_000, 1, true);
            VolumeReader reader = v.reader();
            Random rnd = new Random(seed);
            int size = v.expected.length;
            for (int probe = 0; probe < 20; probe++) {
                int from = rnd.nextInt(size);
                int length = 1 + rnd.nextInt(size - from);
                assertThat(reader.readFully(from, length)).as("seed %d read %d+%d", seed, from, length)
                        .isEqualTo(Arrays.copyOfRange(v.expected, from, from + length));
                BlockStatus[] seen = new BlockStatus[length];
                Arrays.fill(seen, BlockStatus.FINISHED);
                for (VolumeDamage d : reader.damageIn(from, length)) {
                    for (long i = 0; i < d.lengthBytes(); i++) {
                        int logical = (int) (d.volumeOffsetBytes() + i);
                        seen[logical - from] = d.imageStatus();
                        assertThat(d.imageOffsetBytes() + i).as("seed %d image offset of volume byte %d", seed, logical)
                                .isEqualTo(v.physicalOf[logical]);
                    }
                }
                assertThat(seen).as("seed %d damage in %d+%d", seed, from, length)
                        .isEqualTo(Arrays.copyOfRange(v.expectedStatus, from, from + length));
            }
        }
    }
}
