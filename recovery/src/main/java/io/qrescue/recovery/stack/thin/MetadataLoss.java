package io.qrescue.recovery.stack.thin;

import java.util.List;

/**
 * What losing metadata block {@code blockNr} (at tmeta {@code offsetBytes}) costs in one of its roles: a sentence,
 * the thin volume byte ranges whose mappings become unreadable (empty when mappings survive), how many mapped data
 * blocks those ranges hold, and whether the mappings in those ranges are unknown (the block was already unreadable
 * when the metadata was read, so nothing below it was seen: the ranges are the whole key range its parent gives,
 * ending at the largest addressable
 * virtual block when the parent gives no bound, and {@code lostMappedBlocks} is a lower bound).
 */
public record MetadataLoss(long blockNr, long offsetBytes, BlockRole role, String effect,
        List<VolumeRange> lostVolumeRanges, long lostMappedBlocks, boolean mappingsUnknown) {

    public MetadataLoss(long blockNr, long offsetBytes, BlockRole role, String effect,
            List<VolumeRange> lostVolumeRanges, long lostMappedBlocks) {
        this(blockNr, offsetBytes, role, effect, lostVolumeRanges, lostMappedBlocks, false);
    }
}
