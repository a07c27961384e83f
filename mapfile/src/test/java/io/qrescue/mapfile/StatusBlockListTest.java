package io.qrescue.mapfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The packed list behaves as an ArrayList of the same blocks under every change the map's users make. */
class StatusBlockListTest {

    @Test
    void shouldBehaveAsAnArrayList() {
        Random random = new Random(3);
        List<StatusBlock> packed = new StatusBlockList(0);
        List<StatusBlock> model = new ArrayList<>();
        for (int step = 0; step < 20_000; step++) {
            StatusBlock block = new StatusBlock(random.nextInt(1 << 30), 1 + random.nextInt(1 << 20),
                    BlockStatus.values()[random.nextInt(5)]);
            int op = random.nextInt(10);
            if (op < 4 || model.isEmpty()) {
                int at = random.nextInt(model.size() + 1);
                packed.add(at, block);
                model.add(at, block);
            } else if (op < 7) {
                int at = random.nextInt(model.size());
                assertThat(packed.set(at, block)).isEqualTo(model.set(at, block));
            } else if (op < 9) {
                int at = random.nextInt(model.size());
                assertThat(packed.remove(at)).isEqualTo(model.remove(at));
            } else {
                int from = random.nextInt(model.size());
                int to = from + random.nextInt(Math.min(5, model.size() - from) + 1);
                packed.subList(from, to).clear();
                model.subList(from, to).clear();
            }
            if (step % 500 == 0) {
                assertThat(packed).isEqualTo(model);
            }
        }
        assertThat(packed).isEqualTo(model);
        assertThat(packed.hashCode()).isEqualTo(model.hashCode());
        assertThatThrownBy(() -> packed.get(packed.size())).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void shouldBeWhatAMapListsAsANewList() {
        BlockMap map = BlockMap.of(List.of(new StatusBlock(0, 0, BlockStatus.FINISHED),
                new StatusBlock(0, 10, BlockStatus.NON_TRIED), new StatusBlock(10, -1, BlockStatus.BAD_SECTOR)));
        List<StatusBlock> list = map.toList();
        assertThat(list).containsExactly(new StatusBlock(0, 0, BlockStatus.FINISHED),
                new StatusBlock(0, 10, BlockStatus.NON_TRIED),
                new StatusBlock(10, Long.MAX_VALUE - 10, BlockStatus.BAD_SECTOR));
        list.set(1, list.get(1).withStatus(BlockStatus.FINISHED));
        assertThat(map.blockContaining(5).status()).isEqualTo(BlockStatus.NON_TRIED); // a copy, not a view
    }
}
