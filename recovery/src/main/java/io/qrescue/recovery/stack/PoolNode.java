package io.qrescue.recovery.stack;

import io.qrescue.recovery.stack.finding.Finding;
import java.util.List;

/**
 * A thin pool ({@code thin-pool} or QNAP's {@code tier-thin-pool}, then {@code tiered}): its metadata sub-LV
 * ({@code tmeta}, hand {@code tmeta.open()} to the dm-thin readers), its data sub-LVs ({@code data}: tdata, or
 * tierdata_0/1/2 in tier order), and the thin/thick volumes that use it. tmeta is null if the metadata names none.
 */
public record PoolNode(LvNode pool, boolean tiered, long chunkSizeSectors, long transactionId, LvNode tmeta,
        List<LvNode> data, List<LvNode> thinVolumes, List<Finding> findings) {

    public PoolNode {
        data = List.copyOf(data);
        thinVolumes = List.copyOf(thinVolumes);
        findings = List.copyOf(findings);
    }

    /** Thin block size in bytes (the pool's chunk_size). */
    public long chunkSizeBytes() {
        return chunkSizeSectors * 512;
    }
}
