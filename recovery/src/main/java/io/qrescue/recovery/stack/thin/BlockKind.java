package io.qrescue.recovery.stack.thin;

/** What a live metadata block is; {@link #keyUnit()} says what {@link BlockRole}'s key range counts. */
public enum BlockKind {
    SUPERBLOCK("none"),
    /** QNAP: a superblock copy in one of the last 128 metadata blocks. */
    SUPERBLOCK_BACKUP("none"),
    /** The metadata snapshot's superblock copy (held_root). */
    HELD_SUPERBLOCK("none"),
    TOP_LEVEL_INTERNAL("device id"),
    TOP_LEVEL_LEAF("device id"),
    DEVICE_INTERNAL("virtual block"),
    DEVICE_LEAF("virtual block"),
    DEVICE_DETAILS_NODE("device id"),
    METADATA_SM_INDEX("metadata block"),
    METADATA_SM_BITMAP("metadata block"),
    METADATA_SM_REF_COUNT_NODE("metadata block"),
    DATA_SM_INDEX_NODE("data block"),
    DATA_SM_BITMAP("data block"),
    DATA_SM_REF_COUNT_NODE("data block"),
    /** QNAP Qtier: per-tier space maps; the role's deviceId holds the tier number. */
    TIER_SM_INDEX_NODE("tier block"),
    TIER_SM_BITMAP("tier block"),
    TIER_SM_REF_COUNT_NODE("tier block"),
    /** QNAP fast block clone tree: pool data block to clone count. */
    CLONE_TREE_NODE("data block"),
    /** QNAP Qtier pool mapping tree: pool tier block to (tier, tier block). */
    TIER_MAPPING_NODE("pool tier block"),
    /** Not live: free in the space map and unreachable (possibly an older copy of a node). Damage reports only. */
    UNUSED("metadata block");

    private final String keyUnit;

    BlockKind(String keyUnit) {
        this.keyUnit = keyUnit;
    }

    public String keyUnit() {
        return keyUnit;
    }
}
