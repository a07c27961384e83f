package io.qrescue.recovery.stack.thin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Test-only: compares a salvaged pool with the truth (a thin_dump of the intact metadata, or the spec it was written
 * from), mapping by mapping, and holds the stale-copy rule: outside the ranges the salvage marks, every mapping is
 * exactly the truth's (nothing wrong, nothing missing).
 */
final class SalvageChecks {

    /** Counts of one comparison; {@code marked} are the correct and wrong ones inside doubt ranges. */
    record Score(long correct, long wrong, long missing, long correctMarked, long wrongMarked) {
        long wrongUnmarked() {
            return wrong - wrongMarked;
        }
    }

    private SalvageChecks() {
    }

    /** {@code truth}: device to virtual block to {data block, time}. */
    static Score score(SalvagedPool pool, Map<Long, ? extends SortedMap<Long, long[]>> truth) {
        long correct = 0;
        long wrong = 0;
        long missing = 0;
        long correctMarked = 0;
        long wrongMarked = 0;
        for (Map.Entry<Long, ? extends SortedMap<Long, long[]>> e : truth.entrySet()) {
            SalvagedDevice d = pool.device(e.getKey());
            TreeMap<Long, Long> ours = new TreeMap<>();
            for (int i = 0; d != null && i < d.mappingCount(); i++) {
                ours.put(d.virtualBlock(i), d.dataBlock(i));
            }
            for (Map.Entry<Long, long[]> m : e.getValue().entrySet()) {
                Long got = ours.remove(m.getKey());
                boolean marked = d != null && d.inDoubt(m.getKey());
                if (got == null) {
                    missing++;
                    assertThat(marked).as("device %d block %d is missing but not marked", e.getKey(), m.getKey())
                            .isTrue();
                } else if (got == m.getValue()[0]) {
                    correct++;
                    correctMarked += marked ? 1 : 0;
                } else {
                    wrong++;
                    wrongMarked += marked ? 1 : 0;
                }
            }
            for (long extra : ours.keySet()) {
                wrong++;
                wrongMarked += d.inDoubt(extra) ? 1 : 0;
            }
        }
        return new Score(correct, wrong, missing, correctMarked, wrongMarked);
    }

    /** The stale-copy rule: nothing wrong and nothing missing outside the marked ranges. */
    static Score assertNeverSilentlyWrong(SalvagedPool pool, Map<Long, ? extends SortedMap<Long, long[]>> truth,
            String what) {
        Score s = score(pool, truth);
        assertThat(s.wrongUnmarked()).as(what + ": wrong mappings outside the marked ranges (" + s + ")").isZero();
        return s;
    }

    /** Every mapping of the truth, verified: nothing marked, nothing wrong or missing. */
    static void assertAllVerified(SalvagedPool pool, Map<Long, ? extends SortedMap<Long, long[]>> truth, String what) {
        Score s = score(pool, truth);
        long all = truth.values().stream().mapToLong(Map::size).sum();
        assertThat(s).as(what).isEqualTo(new Score(all, 0, 0, 0, 0));
        pool.devices().values().forEach(d -> assertThat(d.doubts()).as(what + ": device " + d.deviceId()).isEmpty());
    }

    /** The truth of a spec (a tree-sharing device has its owner's mappings). */
    static Map<Long, TreeMap<Long, long[]>> truthOf(PoolSpec spec) {
        Map<Long, TreeMap<Long, long[]>> out = new TreeMap<>();
        spec.devices.keySet().forEach(id -> out.put(id, spec.mappingsOf(id)));
        return out;
    }

    /** What LVM would say of a spec's pool. */
    static ThinSalvage.Hints hintsOf(PoolSpec spec) {
        TreeMap<Long, Long> devices = new TreeMap<>();
        spec.devices.values().forEach(d -> devices.put(d.id, d.transactionId));
        return new ThinSalvage.Hints(spec.dataBlockSizeSectors, spec.transactionId, spec.nrDataBlocks, devices);
    }
}
