package io.qrescue.recovery.files;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.mapfile.BlockMap;
import io.qrescue.mapfile.BlockStatus;
import io.qrescue.mapfile.StatusBlock;
import io.qrescue.recovery.source.Extent;
import io.qrescue.recovery.source.ExtentMap;
import io.qrescue.recovery.source.Readability;
import java.util.List;
import org.junit.jupiter.api.Test;

class VolumeDamageTest {

    private static final Readability IMAGE = Readability.of(BlockMap.of(List.of(
            new StatusBlock(0, 1000, BlockStatus.FINISHED),
            new StatusBlock(1000, 24, BlockStatus.BAD_SECTOR),
            new StatusBlock(1024, 976, BlockStatus.FINISHED),
            new StatusBlock(2000, 100, BlockStatus.NON_TRIMMED),
            new StatusBlock(2100, 900, BlockStatus.FINISHED))));

    @Test
    void damagedImageBytesMapBackToVolumeOffsetsThroughTheExtents() {
        // volume 0-499 at image 900, a hole 500-999, volume 1000-1999 at image 1900
        ExtentMap volume = ExtentMap.builder().add(new Extent(0, 500, 900)).add(new Extent(1000, 1000, 1900))
                .build(2000);
        assertThat(VolumeDamage.of(IMAGE, volume)).containsExactly(new ByteRange(100, 24), new ByteRange(1100, 100));
    }

    @Test
    void anExtractedVolumesOwnMapfileGivesItsRangesDirectly() {
        assertThat(VolumeDamage.of(IMAGE)).containsExactly(new ByteRange(1000, 24), new ByteRange(2000, 100));
        assertThat(VolumeDamage.of(Readability.allReadable())).isEmpty();
    }

    @Test
    void rangesAreMergedAndSorted() {
        assertThat(ByteRange.merged(List.of(new ByteRange(10, 5), new ByteRange(0, 10), new ByteRange(30, 1),
                new ByteRange(12, 10)))).containsExactly(new ByteRange(0, 22), new ByteRange(30, 1));
        assertThat(new ByteRange(10, 10).clip(15, 40)).isEqualTo(new ByteRange(15, 5));
        assertThat(new ByteRange(10, 10).clip(20, 40)).isNull();
    }
}
