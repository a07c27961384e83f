package io.qrescue.recovery.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qrescue.mapfile.BlockMap;
import io.qrescue.mapfile.BlockStatus;
import io.qrescue.mapfile.StatusBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Damage carried up through layers (image with its map → slice → mapped volume with doubts) against a per-byte
 * model that knows nothing of the layers' code: every byte's kind and status, and that {@code readGood} never
 * returns a byte that is not good.
 */
class SourceLayersTest {

    @Test
    void shouldReportTheMapsUnfinishedBytesAsUnreadableWithTheirOrigin() {
        RescuedImage image = RescuedImage.of("disk1.img", new ByteArraySource(new byte[1000]), Readability.of(
                BlockMap.of(List.of(new StatusBlock(0, 100, BlockStatus.FINISHED),
                        new StatusBlock(100, 20, BlockStatus.BAD_SECTOR),
                        new StatusBlock(120, 880, BlockStatus.FINISHED)))));
        assertThat(image.damageIn(90, 20)).containsExactly(new Damage(100, 10, DamageKind.UNREADABLE,
                BlockStatus.BAD_SECTOR, new Damage.Origin("disk1.img", 100), "bad-sector"));
        assertThat(image.isGood(0, 100)).isTrue();
        assertThat(image.slice(110, 100).damageIn(0, 100)).containsExactly(new Damage(0, 10, DamageKind.UNREADABLE,
                BlockStatus.BAD_SECTOR, new Damage.Origin("disk1.img", 110), "bad-sector"));
    }

    @Test
    void shouldNeverReturnBadBytesFromReadGood() throws Exception {
        RescuedImage image = RescuedImage.of("d", new ByteArraySource(new byte[64]), Readability.of(
                BlockMap.of(List.of(new StatusBlock(0, 32, BlockStatus.FINISHED),
                        new StatusBlock(32, 32, BlockStatus.NON_TRIED)))));
        assertThat(image.readGood(0, 32)).hasSize(32);
        assertThatThrownBy(() -> image.readGood(16, 32)).isInstanceOf(UnreadableBytesException.class)
                .hasMessageContaining("bytes 32..48 are unreadable (non-tried, d at 32)");
        MappedSource volume = new MappedSource(image, ExtentMap.linear(64), List.of(Damage.unknown(0, 8,
                "mapping leaf fails its checksum")));
        assertThatThrownBy(() -> volume.readGood(0, 4)).isInstanceOf(UnreadableBytesException.class)
                .hasMessageContaining("unknown (mapping leaf fails its checksum)");
    }

    @Test
    void shouldRefuseOverlappingDoubts() {
        assertThatThrownBy(() -> new MappedSource(new ByteArraySource(new byte[10]), ExtentMap.linear(10),
                List.of(Damage.unknown(0, 5, "a"), Damage.unknown(4, 2, "b"))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldAgreeWithAByteModelThroughSliceAndVolume() {
        for (int seed = 0; seed < 300; seed++) {
            Random rnd = new Random(seed);
            int imageSize = 200 + rnd.nextInt(2000);
            BlockStatus[] imageStatus = new BlockStatus[imageSize];
            List<StatusBlock> blocks = new ArrayList<>();
            for (int at = 0; at < imageSize; ) {
                int len = Math.min(imageSize - at, 1 + rnd.nextInt(100));
                BlockStatus st = rnd.nextInt(3) == 0 ? BlockStatus.values()[rnd.nextInt(4)] : BlockStatus.FINISHED;
                blocks.add(new StatusBlock(at, len, st));
                for (int i = at; i < at + len; i++) {
                    imageStatus[i] = st;
                }
                at += len;
            }
            RescuedImage image = RescuedImage.of("img", new ByteArraySource(new byte[imageSize]),
                    Readability.of(BlockMap.of(BlockMap.compacted(blocks))));
            int sliceStart = rnd.nextInt(imageSize / 2);
            ImageSource slice = image.slice(sliceStart, imageSize - sliceStart);
            // a volume over the slice: random extents (some reaching past its end), holes, and doubts
            int volumeSize = 100 + rnd.nextInt(3000);
            ExtentMap.Builder b = ExtentMap.builder();
            long[] physical = new long[volumeSize];
            java.util.Arrays.fill(physical, -1);
            for (int at = 0; at < volumeSize; ) {
                int len = Math.min(volumeSize - at, 1 + rnd.nextInt(200));
                if (rnd.nextBoolean()) {
                    long p = rnd.nextInt((int) slice.size() + 50);
                    b.add(new Extent(at, len, p));
                    for (int i = 0; i < len; i++) {
                        physical[at + i] = p + i;
                    }
                }
                at += len;
            }
            List<Damage> doubts = new ArrayList<>();
            boolean[] doubted = new boolean[volumeSize];
            for (int at = rnd.nextInt(300); at < volumeSize; at += 1 + rnd.nextInt(700)) {
                int len = Math.min(volumeSize - at, 1 + rnd.nextInt(100));
                doubts.add(Damage.unknown(at, len, "doubt"));
                for (int i = at; i < at + len; i++) {
                    doubted[i] = true;
                }
                at += len;
            }
            MappedSource volume = new MappedSource(slice, b.build(volumeSize), doubts);
            int from = rnd.nextInt(volumeSize);
            int length = 1 + rnd.nextInt(volumeSize - from);
            String[] seen = new String[length];
            long previousEnd = -1;
            for (Damage d : volume.damageIn(from, length)) {
                assertThat(d.offset()).as("seed %d ordered", seed).isGreaterThanOrEqualTo(previousEnd);
                previousEnd = d.end();
                for (long i = d.offset(); i < d.end(); i++) {
                    seen[(int) (i - from)] = d.kind() + "/" + d.status();
                }
            }
            for (int i = 0; i < length; i++) {
                int v = from + i;
                String expected;
                if (doubted[v]) {
                    expected = "UNKNOWN/NON_TRIED";
                } else if (physical[v] < 0) {
                    expected = null;
                } else if (physical[v] >= slice.size()) {
                    expected = "UNREADABLE/NON_TRIED";
                } else {
                    BlockStatus st = imageStatus[(int) (sliceStart + physical[v])];
                    expected = st == BlockStatus.FINISHED ? null : "UNREADABLE/" + st;
                }
                assertThat(seen[i]).as("seed %d volume byte %d", seed, v).isEqualTo(expected);
            }
        }
    }
}
