package io.qrescue.recovery.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.mapfile.BlockMap;
import io.qrescue.mapfile.BlockStatus;
import io.qrescue.mapfile.StatusBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReadabilityTest {

    @Test
    void shouldTreatEverythingAsReadableWithoutAMap() {
        assertThat(Readability.allReadable().isReadable(0, Long.MAX_VALUE / 2)).isTrue();
    }

    @Test
    void shouldClipDamageAndCountBytesPastTheMapAsNeverTried() {
        BlockMap map = BlockMap.of(List.of(new StatusBlock(0, 100, BlockStatus.FINISHED),
                new StatusBlock(100, 10, BlockStatus.BAD_SECTOR), new StatusBlock(110, 90, BlockStatus.FINISHED)));
        Readability r = Readability.of(map);
        assertThat(r.damageIn(50, 55)).containsExactly(new StatusBlock(100, 5, BlockStatus.BAD_SECTOR));
        assertThat(r.damageIn(190, 20)).containsExactly(new StatusBlock(200, 10, BlockStatus.NON_TRIED));
        assertThat(r.isReadable(0, 100)).isTrue();
        assertThat(r.unreadableBytes(0, 300)).isEqualTo(110);
    }

    @Test
    void shouldAgreeWithAByteModelOnRandomMaps() {
        Random rnd = new Random(7);
        BlockStatus[] statuses = BlockStatus.values();
        for (int round = 0; round < 500; round++) {
            List<StatusBlock> blocks = new ArrayList<>();
            long pos = 0;
            List<BlockStatus> byte0 = new ArrayList<>();
            int n = 1 + rnd.nextInt(8);
            for (int i = 0; i < n; i++) {
                int len = 1 + rnd.nextInt(10);
                BlockStatus st = statuses[rnd.nextInt(statuses.length)];
                if (!blocks.isEmpty() && blocks.get(blocks.size() - 1).status() == st) {
                    continue;
                }
                blocks.add(new StatusBlock(pos, len, st));
                for (int k = 0; k < len; k++) {
                    byte0.add(st);
                }
                pos += len;
            }
            Readability r = Readability.of(BlockMap.of(blocks));
            int from = rnd.nextInt((int) pos + 5);
            int len = 1 + rnd.nextInt(20);
            BlockStatus[] seen = new BlockStatus[len];
            for (StatusBlock sb : r.damageIn(from, len)) {
                for (long b = sb.pos(); b < sb.end(); b++) {
                    seen[(int) (b - from)] = sb.status();
                }
            }
            for (int i = 0; i < len; i++) {
                int at = from + i;
                BlockStatus truth = at < byte0.size() ? byte0.get(at) : BlockStatus.NON_TRIED;
                assertThat(seen[i]).as("round %d byte %d", round, at)
                        .isEqualTo(truth == BlockStatus.FINISHED ? null : truth);
            }
        }
    }
}
