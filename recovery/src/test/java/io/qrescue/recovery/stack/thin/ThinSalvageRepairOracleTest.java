package io.qrescue.recovery.stack.thin;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.recovery.source.ByteArraySource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The repaired dump against the standard tools (thin-provisioning-tools 0.9 on the host): metadata written by
 * {@code thin_restore} from seeded pools, a class of blocks zeroed, then our salvage's XML must be accepted by
 * {@code thin_restore} and {@code thin_check}, must come back from {@code thin_dump} as we wrote it, must hold at
 * least every mapping {@code thin_dump --repair} recovers from the same copy, and must be wrong nowhere outside its
 * marked ranges (truth: the intact dump).
 */
@Tag("integration")
class ThinSalvageRepairOracleTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void tools() {
        HostTools.assumeInstalled("thin_restore");
        HostTools.assumeInstalled("thin_check");
        HostTools.assumeInstalled("thin_dump");
    }

    @ParameterizedTest
    @ValueSource(longs = {61, 62, 63})
    void shouldWriteADumpTheStandardToolsAcceptAndRecoverAtLeastWhatTheyDo(long seed) throws Exception {
        PoolSpec spec = RandomPools.upstream(seed, 5000);
        Path meta = HostTools.restore(dir, spec.toXml(), spec.metadataBlocks);
        byte[] intactBytes = Files.readAllBytes(meta);
        ThinDumpXml intact = ThinDumpXml.parse(HostTools.ok("thin_dump", meta.toString()));
        ThinMetadata md = ThinMetadata.read(new ByteArraySource(intactBytes));
        Map<String, List<Long>> classes = new TreeMap<>();
        md.liveBlocks().all().forEach((b, roles) -> {
            String c = switch (roles.get(0).kind()) {
                case TOP_LEVEL_LEAF, TOP_LEVEL_INTERNAL -> "top-level";
                case DEVICE_DETAILS_NODE -> "details";
                case DEVICE_INTERNAL -> "internal";
                case DEVICE_LEAF -> "leaf";
                case SUPERBLOCK -> "superblock";
                default -> null;
            };
            if (c != null) {
                classes.computeIfAbsent(c, k -> new ArrayList<>()).add(b);
            }
        });
        Random r = new Random(seed);
        for (Map.Entry<String, List<Long>> c : classes.entrySet()) {
            byte[] broken = intactBytes.clone();
            List<Long> pool = new ArrayList<>(c.getValue());
            for (int k = 1 + r.nextInt(Math.min(3, pool.size())); k > 0; k--) {
                long b = pool.remove(r.nextInt(pool.size()));
                java.util.Arrays.fill(broken, (int) b * 4096, (int) (b + 1) * 4096, (byte) 0);
            }
            String what = "seed " + seed + ", " + c.getKey() + " blocks zeroed";
            SalvagedPool salvaged = ThinSalvage.salvage(new ByteArraySource(broken), SalvageChecks.hintsOf(spec));
            SalvageChecks.Score ours = SalvageChecks.assertNeverSilentlyWrong(salvaged, intact.mappings, what);

            StringBuilder xml = new StringBuilder();
            ThinDumpWriter.write(salvaged, xml);
            Path restored = HostTools.restore(dir, xml.toString(), spec.metadataBlocks);
            HostTools.ok("thin_check", restored.toString());
            ThinDumpXml back = ThinDumpXml.parse(HostTools.ok("thin_dump", restored.toString()));
            for (SalvagedDevice d : salvaged.devices().values()) {
                TreeMap<Long, long[]> m = back.mappings.getOrDefault(d.deviceId(), new TreeMap<>());
                assertThat(m).as(what + ": device " + d.deviceId() + " restored").hasSize(d.mappingCount());
                for (int i = 0; i < d.mappingCount(); i++) {
                    assertThat(m.get(d.virtualBlock(i))[0]).isEqualTo(d.dataBlock(i));
                }
            }

            Path copy = dir.resolve("broken.meta");
            Files.write(copy, broken);
            HostTools.Result theirs = HostTools.run("thin_dump", "--repair", "--transaction-id",
                    String.valueOf(spec.transactionId), "--data-block-size", String.valueOf(spec.dataBlockSizeSectors),
                    "--nr-data-blocks", String.valueOf(spec.nrDataBlocks), copy.toString());
            long theirCorrect = 0;
            if (theirs.exitCode() == 0) {
                ThinDumpXml t = ThinDumpXml.parse(theirs.out());
                for (Map.Entry<Long, TreeMap<Long, long[]>> e : intact.mappings.entrySet()) {
                    TreeMap<Long, long[]> got = t.mappings.getOrDefault(e.getKey(), new TreeMap<>());
                    for (Map.Entry<Long, long[]> m : e.getValue().entrySet()) {
                        long[] g = got.get(m.getKey());
                        theirCorrect += g != null && g[0] == m.getValue()[0] ? 1 : 0;
                    }
                }
            }
            assertThat(ours.correct()).as(what + ": ours " + ours + ", thin_dump --repair " + theirCorrect)
                    .isGreaterThanOrEqualTo(theirCorrect);
        }
    }
}
