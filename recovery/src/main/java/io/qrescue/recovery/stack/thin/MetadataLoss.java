package io.qrescue.recovery.stack.thin;

import java.util.List;

/**
 * What losing metadata block {@code blockNr} (at tmeta {@code offsetBytes}) costs in one of its roles: a sentence,
 * the thin volume byte ranges whose mappings become unreadable (empty when mappings survive), and how many
 * mapped data blocks those ranges hold.
 */
public record MetadataLoss(long blockNr, long offsetBytes, BlockRole role, String effect,
        List<VolumeRange> lostVolumeRanges, long lostMappedBlocks) {
}
