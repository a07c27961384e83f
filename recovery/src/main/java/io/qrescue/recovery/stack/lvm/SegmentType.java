package io.qrescue.recovery.stack.lvm;

/** What a segment {@code type} string means for address mapping (QNAP's types included). */
public enum SegmentType {
    /** {@code striped} (linear is stripe_count 1): extents on PVs. */
    STRIPED,
    /** {@code thin-pool} or QNAP's {@code tier-thin-pool}: data in the tdata/tierdata sub-LVs, metadata in tmeta. */
    THIN_POOL,
    /** {@code thin} or QNAP's {@code thick} (a preallocated thin device; same keys): bytes come from the pool. */
    THIN,
    /** Old COW {@code snapshot}. */
    SNAPSHOT,
    /** QNAP's SSD cache layer {@code flashcache}. */
    FLASHCACHE,
    /** Anything else (mirror, raid1, cache, error, zero...): keys preserved, not mapped. */
    OTHER;

    public static SegmentType of(String type) {
        if (type == null) {
            return OTHER;
        }
        return switch (type) {
            case "striped", "linear" -> STRIPED;
            case "thin-pool", "tier-thin-pool" -> THIN_POOL;
            case "thin", "thick" -> THIN;
            case "snapshot" -> SNAPSHOT;
            case "flashcache" -> FLASHCACHE;
            default -> OTHER;
        };
    }
}
