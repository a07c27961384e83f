package io.qrescue.mapfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The packed sorted map answers every lookup as a TreeMap does, through leaf splits, merges and drops. */
class BlockStartsTest {

    private static final BlockStatus[] STATUSES = BlockStatus.values();

    @Test
    void shouldAgreeWithATreeMapUnderRandomInsertsAndRemovals() {
        for (int seed = 0; seed < 8; seed++) {
            Random random = new Random(seed);
            BlockStarts starts = new BlockStarts();
            TreeMap<Long, BlockStatus> model = new TreeMap<>();
            // a few thousand keys: several leaves of 512, that fill, split, thin out and merge
            int keyRange = 1 + random.nextInt(6000);
            int initial = random.nextInt(keyRange);
            for (long k = 0; k < keyRange && model.size() < initial; k += 1 + random.nextInt(3)) {
                BlockStatus status = STATUSES[random.nextInt(STATUSES.length)];
                starts.append(k, status);
                model.put(k, status);
            }
            for (int step = 0; step < 20_000; step++) {
                long key = random.nextInt(keyRange);
                // phases that mostly grow and mostly shrink the map, so leaves both split and merge
                boolean grow = (step / 2000) % 2 == 0 ? random.nextInt(4) != 0 : random.nextInt(4) == 0;
                if (grow) {
                    BlockStatus status = STATUSES[random.nextInt(STATUSES.length)];
                    starts.put(key, status);
                    model.put(key, status);
                } else {
                    assertThat(starts.remove(key)).isEqualTo(model.remove(key) != null);
                }
                if (step % 401 == 0) {
                    assertSame(starts, model, random, keyRange);
                }
            }
            assertSame(starts, model, random, keyRange);
        }
    }

    @Test
    void shouldDropEveryStartFromAKeyOn() {
        for (int seed = 0; seed < 50; seed++) {
            Random random = new Random(seed);
            BlockStarts starts = new BlockStarts();
            TreeMap<Long, BlockStatus> model = new TreeMap<>();
            int count = random.nextInt(3000);
            for (long k = 0; k < count; k++) {
                starts.append(k * 10, STATUSES[(int) (k % 5)]);
                model.put(k * 10, STATUSES[(int) (k % 5)]);
            }
            long from = random.nextInt(count * 10 + 20);
            starts.removeFrom(from);
            model.tailMap(from, true).clear();
            assertSame(starts, model, random, count * 10 + 20);
            starts.put(from, BlockStatus.FINISHED); // still a working map
            model.put(from, BlockStatus.FINISHED);
            assertSame(starts, model, random, count * 10 + 20);
        }
    }

    @Test
    void shouldCopyDeeplyAndCompareByContent() {
        BlockStarts a = new BlockStarts();
        for (long k = 0; k < 2000; k++) {
            a.append(k, STATUSES[(int) (k % 5)]);
        }
        BlockStarts b = a.copy();
        assertThat(b.sameAs(a)).isTrue();
        assertThat(b.contentHash()).isEqualTo(a.contentHash());
        b.put(7, BlockStatus.FINISHED);
        assertThat(a.status(a.find(7))).isEqualTo(STATUSES[2]);
        assertThat(b.sameAs(a)).isFalse();
        // the same entries spread over other leaves are the same map
        BlockStarts c = new BlockStarts();
        for (long k = 1999; k >= 0; k--) {
            c.put(k, STATUSES[(int) (k % 5)]);
        }
        assertThat(c.sameAs(a)).isTrue();
        assertThat(c.contentHash()).isEqualTo(a.contentHash());
    }

    private static void assertSame(BlockStarts starts, TreeMap<Long, BlockStatus> model, Random random, int keyRange) {
        assertThat(starts.size()).isEqualTo(model.size());
        List<Map.Entry<Long, BlockStatus>> walked = new ArrayList<>();
        for (long c = starts.first(); c != BlockStarts.NONE; c = starts.next(c)) {
            walked.add(Map.entry(starts.start(c), starts.status(c)));
        }
        assertThat(walked).containsExactlyElementsOf(model.entrySet());
        List<Long> backwards = new ArrayList<>();
        for (long c = starts.last(); c != BlockStarts.NONE; c = starts.previous(c)) {
            backwards.add(starts.start(c));
        }
        assertThat(backwards).containsExactlyElementsOf(model.descendingKeySet());
        for (int i = 0; i < 50; i++) {
            long key = random.nextInt(keyRange + 2) - 1;
            assertThat(keyAt(starts, starts.floor(key))).as("floor %d", key).isEqualTo(model.floorKey(key));
            assertThat(keyAt(starts, starts.ceiling(key))).as("ceiling %d", key).isEqualTo(model.ceilingKey(key));
            assertThat(keyAt(starts, starts.higher(key))).as("higher %d", key).isEqualTo(model.higherKey(key));
            assertThat(keyAt(starts, starts.lower(key))).as("lower %d", key).isEqualTo(model.lowerKey(key));
            assertThat(keyAt(starts, starts.find(key))).as("find %d", key)
                    .isEqualTo(model.containsKey(key) ? Long.valueOf(key) : null);
        }
    }

    private static Long keyAt(BlockStarts starts, long cursor) {
        return cursor == BlockStarts.NONE ? null : starts.start(cursor);
    }
}
