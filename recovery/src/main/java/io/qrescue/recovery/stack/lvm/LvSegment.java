package io.qrescue.recovery.stack.lvm;

import java.util.List;
import java.util.Map;

/**
 * A {@code segmentN} of an LV: logical extents {@code [startExtent, startExtent + extentCount)}, its type string as
 * written ({@code typeName}, e.g. "tier-thin-pool"; null when the section has no type key) and meaning
 * ({@code type}), stripes for striped segments, and every key of the section ({@link #keys()}, unknown QNAP keys
 * included).
 */
public record LvSegment(String name, long startExtent, long extentCount, String typeName, SegmentType type,
        long stripeCount, long stripeSizeSectors, List<Stripe> stripes, ConfigSection raw) {

    public LvSegment {
        stripes = List.copyOf(stripes);
    }

    /** The type as written, or "?" when the section has none (for people). */
    public String typeText() {
        return typeName == null ? "?" : typeName;
    }

    public Map<String, ConfigValue> keys() {
        return raw.values();
    }

    /** thin-pool: name of the metadata LV (tmeta). */
    public String metadataLv() {
        return raw.string("metadata");
    }

    /** thin-pool: name of the data LV (tdata). */
    public String poolDataLv() {
        return raw.string("pool");
    }

    /** thin/thick: name of the pool LV. */
    public String thinPool() {
        return raw.string("thin_pool");
    }

    /** thin/thick: the dm-thin device id (key in the pool's mapping tree), -1 if absent. */
    public long deviceId() {
        return raw.integer("device_id", -1);
    }

    public long transactionId() {
        return raw.integer("transaction_id", -1);
    }

    /** thin-pool: data block size in sectors (must equal the thin superblock's data_block_size), -1 if absent. */
    public long chunkSizeSectors() {
        return raw.integer("chunk_size", -1);
    }

    /** thin/snapshot: origin LV name, or null. */
    public String origin() {
        return raw.string("origin");
    }

    public long endExtent() {
        return startExtent + extentCount;
    }
}
