package io.qrescue.recovery.stack.thin;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.ThreadMXBean;
import io.qrescue.recovery.source.ByteArraySource;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * 10,000 mutated metadata devices through the salvage (2,500 per pool kind: upstream, QNAP with 44- and 32-byte
 * records and tree sharing, QNAP with Qtier): one to four corruptions each of every structure (bit flips with and
 * without a fixed-up checksum, bad pointers, cycles, huge counts, garbage superblock fields, whole blocks zeroed or
 * random), sometimes the superblock and its backups too. No exception escapes, every result can be used (maps,
 * doubts, the XML dump), and the work stays bounded: allocation per run is a small multiple of the metadata size and
 * the whole run has a time limit.
 */
class ThinSalvageFuzzTest {

    private static final int MUTATIONS_PER_POOL = 2_500;

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3})
    @Timeout(300)
    void shouldSurviveMutatedMetadataDevices(int poolKind) throws IOException {
        PoolSpec spec = ThinMetadataFuzzTest.pool(poolKind);
        spec.metadataBlocks = spec.qnap ? 300 : 400;
        byte[] original = TestMetadataWriter.write(spec);
        ThinMetadata intact = ThinMetadata.read(new ByteArraySource(original));
        assertThat(intact.findings()).isEmpty();
        int bs = intact.blockSizeBytes();
        List<Long> targets = new ArrayList<>(intact.liveBlocks().all().keySet());
        ThreadMXBean mx = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        Random r = new Random(7000 + poolKind);
        int salvaged = 0;
        for (int i = 0; i < MUTATIONS_PER_POOL; i++) {
            byte[] image = original.clone();
            StringBuilder what = new StringBuilder();
            for (int k = 1 + r.nextInt(4); k > 0; k--) {
                long block = r.nextInt(8) == 0 ? 0 : targets.get(r.nextInt(targets.size()));
                BlockKind kind = intact.liveBlocks().rolesOf(block).get(0).kind();
                what.append(ThinMetadataFuzzTest.corrupt(image, bs, block, kind, r.nextInt(10), r, targets))
                        .append("; ");
            }
            if (r.nextInt(10) == 0) {
                for (ThinSuperblock backup : intact.backups()) {
                    java.util.Arrays.fill(image, (int) backup.blockNr() * bs, (int) (backup.blockNr() + 1) * bs,
                            (byte) 0);
                }
                java.util.Arrays.fill(image, 0, bs, (byte) 0);
                what.append("superblock and backups zeroed");
            }
            long before = mx.getCurrentThreadAllocatedBytes();
            SalvagedPool pool = ThinSalvage.salvage(new ByteArraySource(image), SalvageChecks.hintsOf(spec));
            use(pool);
            long allocated = mx.getCurrentThreadAllocatedBytes() - before;
            assertThat(allocated).as(what.toString()).isLessThan(64L * image.length + (64L << 20));
            salvaged += pool.devices().isEmpty() ? 0 : 1;
        }
        assertThat(salvaged).isGreaterThan(MUTATIONS_PER_POOL / 2);
    }

    /** Everything analyze, extract and thin dump ask of a result. */
    private static void use(SalvagedPool pool) throws IOException {
        for (SalvagedDevice d : pool.devices().values()) {
            long size = Math.max(1, d.runs(Long.MAX_VALUE).endBlock()) * pool.dataBlockSizeBytes();
            d.poolDataMap(size, pool.dataBlockSizeBytes(), Math.max(1, pool.nrDataBlocks()));
            d.doubts().forEach(x -> d.inDoubt(x.keyFrom()));
            d.summary();
            d.confidence();
        }
        ThinDumpWriter.write(pool, new StringBuilder());
    }
}
