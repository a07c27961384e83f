package io.qrescue.recovery.stack.thin;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.recovery.source.ByteArraySource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The salvage on generated pools, upstream layout and QNAP's (8 KiB blocks, version 4 with superblock backups, 44-
 * and 32-byte device records), with the superblock, the top-level leaf, the device-details leaf, a device's mapping
 * root (its leaves intact), or the superblock and the top-level leaf together zeroed. Truth: the spec the metadata
 * was written from. Every mapping the surviving nodes hold comes back; nothing is wrong outside the marked ranges;
 * where nothing is ambiguous nothing is marked.
 */
class ThinSalvageGeneratedTest {

    private enum Lost { SUPERBLOCK, TOP_LEVEL_LEAF, DETAILS_LEAF, DEVICE_ROOT, SUPERBLOCK_AND_TOP_LEVEL }

    @ParameterizedTest
    @CsvSource({"upstream,11", "upstream,12", "upstream,13", "qnap44,11", "qnap44,12", "qnap32,13"})
    void shouldBringBackWhatTheSurvivingNodesHold(String layout, long seed) {
        PoolSpec spec = RandomPools.upstream(seed, 6000);
        spec.fill = 0.6;
        if (!layout.equals("upstream")) {
            RandomPools.asQnap(spec, layout.equals("qnap44") ? 44 : 32);
            spec.metadataBlocks = 2048;
        }
        TestMetadataWriter w = TestMetadataWriter.writer(spec);
        Map<Long, TreeMap<Long, long[]>> truth = SalvageChecks.truthOf(spec);
        for (Lost lost : Lost.values()) {
            byte[] image = w.image().clone();
            String what = layout + " seed " + seed + ", lost " + lost;
            for (long b : blocks(w, spec, lost)) {
                java.util.Arrays.fill(image, (int) (b * spec.blockSizeBytes), (int) ((b + 1) * spec.blockSizeBytes),
                        (byte) 0);
            }
            ThinMetadata normal = ThinMetadata.read(new ByteArraySource(image));
            // the damage really costs the normal reader something (a QNAP backup stands in for a lost superblock)
            assertThat(ThinSalvage.isNeeded(normal)).as(what).isEqualTo(!(spec.qnap && lost == Lost.SUPERBLOCK));
            SalvagedPool pool = ThinSalvage.salvage(new ByteArraySource(image), normal, SalvageChecks.hintsOf(spec));
            assertThat(pool.blockSizeBytes()).as(what).isEqualTo(spec.blockSizeBytes);
            assertThat(pool.devices().keySet()).as(what).containsExactlyElementsOf(spec.devices.keySet());
            SalvageChecks.Score s = SalvageChecks.assertNeverSilentlyWrong(pool, truth, what);
            long all = truth.values().stream().mapToLong(Map::size).sum();
            // Every mapping survives in some node, so every one comes back (marked where a choice was made).
            assertThat(s.missing()).as(what + " " + s).isZero();
            // One state on disk: without a superblock it is the only candidate; a lost details leaf or device root
            // costs nothing that the counts and the tiling of orphans cannot prove.
            if (lost == Lost.DETAILS_LEAF || lost == Lost.DEVICE_ROOT || lost == Lost.SUPERBLOCK
                    || lost == Lost.TOP_LEVEL_LEAF && !uniqueCountsMatter(spec)) {
                SalvageChecks.assertAllVerified(pool, truth, what);
            }
            for (long dev : spec.devices.keySet()) {
                if (hasUniqueCount(spec, dev) && lost != Lost.SUPERBLOCK_AND_TOP_LEVEL) {
                    assertThat(pool.device(dev).doubts()).as(what + ": device " + dev + " has a count of its own")
                            .isEmpty();
                }
            }
            if (lost == Lost.DEVICE_ROOT) {
                long normallyMapped = normal.deviceRoots().keySet().stream().mapToLong(d -> normal.runs(d).mappedBlocks())
                        .sum();
                assertThat(normallyMapped).as(what + ": the normal reader loses the device").isLessThan(all);
                assertThat(pool.devices().values()).anySatisfy(d -> assertThat(d.confidence())
                        .isEqualTo(SalvagedDevice.Confidence.HIGH));
            }
            if (lost == Lost.DETAILS_LEAF) {
                pool.devices().values().forEach(d -> assertThat(d.details().mappedBlocks()).isEqualTo(
                        spec.mappingsOf(d.deviceId()).size()));
            }
            assertThat(s.correct() + s.wrong()).as(what).isGreaterThanOrEqualTo(all);
        }
    }

    /** The blocks to zero for {@code lost}. */
    private static List<Long> blocks(TestMetadataWriter w, PoolSpec spec, Lost lost) {
        List<Long> out = new ArrayList<>();
        switch (lost) {
            case SUPERBLOCK -> out.add(0L);
            case TOP_LEVEL_LEAF -> out.addAll(w.placed("top-leaf"));
            case DETAILS_LEAF -> out.addAll(w.placed("details-leaf"));
            case DEVICE_ROOT -> {
                // the root of the first device whose tree has internal nodes: the last internal node written
                for (long dev : spec.devices.keySet()) {
                    List<Long> internal = w.placed("device " + dev + "-internal");
                    if (!internal.isEmpty()) {
                        out.add(internal.get(internal.size() - 1));
                        break;
                    }
                }
                assertThat(out).as("a device tree with internal nodes").isNotEmpty();
            }
            case SUPERBLOCK_AND_TOP_LEVEL -> {
                out.add(0L);
                out.addAll(w.placed("top-leaf"));
                if (spec.qnap) {
                    // QNAP keeps superblock copies: lose those too, or the backup simply stands in
                    for (int k = 1; k <= spec.backupCount; k++) {
                        out.add(spec.metadataBlocks - k);
                    }
                }
            }
        }
        return out;
    }

    /** True when some devices share a mapped-block count (then a lost top-level leaf leaves a real choice). */
    private static boolean uniqueCountsMatter(PoolSpec spec) {
        return spec.devices.keySet().stream().anyMatch(d -> !hasUniqueCount(spec, d));
    }

    private static boolean hasUniqueCount(PoolSpec spec, long dev) {
        int n = spec.mappingsOf(dev).size();
        return spec.devices.keySet().stream().filter(d -> spec.mappingsOf(d).size() == n).count() == 1;
    }
}
