package io.qrescue.recovery.stack.thin;

/**
 * A dm-thin superblock as stored (upstream fields plus QNAP's: tier space-map roots, backup id, clone root, tier
 * count, pool-mapping root, tier block size; zero in upstream metadata). {@code blockNr} is where it was read.
 */
public record ThinSuperblock(
        long blockNr,
        int blockSizeBytes,
        boolean checksumValid,
        int flags,
        long storedBlockNr,
        long magic,
        int version,
        long time,
        long transactionId,
        long heldRoot,
        SpaceMapRoot dataSpaceMap,
        SpaceMapRoot metadataSpaceMap,
        SpaceMapRoot[] tierSpaceMaps,
        long rescanNeeded,
        long dataMappingRoot,
        long deviceDetailsRoot,
        long dataBlockSizeSectors,
        long metadataBlockSizeSectors,
        long metadataNrBlocks,
        int compatFlags,
        int compatRoFlags,
        int incompatFlags,
        long backupId,
        long reserveBlockCount,
        long cloneRoot,
        long tierNum,
        long poolMappingRoot,
        long tierBlockSizeSectors) {

    public static final long MAGIC = 27022010L;
    public static final int FLAG_NEEDS_CHECK = 1;
    /** QNAP: superblock backups kept in the last 128 metadata blocks. */
    public static final int FLAG_SUPERBLOCK_BACKUP = 1 << 31;
    /** QNAP: fast block clone (clone_root is in use). */
    public static final int FLAG_FAST_BLOCK_CLONE = 1 << 30;

    /** Parses a superblock from {@code block} (whose length is the metadata block size) read at {@code blockNr}. */
    static ThinSuperblock parse(byte[] block, long blockNr) {
        return new ThinSuperblock(blockNr, block.length,
                MetadataChecksum.matches(block, MetadataChecksum.SUPERBLOCK_SALT),
                Le.u32(block, 4), Le.u64(block, 8), Le.u64(block, 32), Le.u32(block, 40), Le.u32AsLong(block, 44),
                Le.u64(block, 48), Le.u64(block, 56),
                SpaceMapRoot.parse(block, 64), SpaceMapRoot.parse(block, 192),
                new SpaceMapRoot[] {SpaceMapRoot.parse(block, 104), SpaceMapRoot.parse(block, 144),
                    SpaceMapRoot.parse(block, 232)},
                Le.u32AsLong(block, 184),
                Le.u64(block, 320), Le.u64(block, 328), Le.u32AsLong(block, 336), Le.u32AsLong(block, 340),
                Le.u64(block, 344), Le.u32(block, 352), Le.u32(block, 356), Le.u32(block, 360),
                Le.u64(block, 364), Le.u64(block, 372), Le.u64(block, 380), Le.u32AsLong(block, 388),
                Le.u64(block, 392), Le.u32AsLong(block, 400));
    }

    /** True when the block is plausibly a superblock: magic, version 1..4 and its own block number. */
    public boolean looksValid() {
        return magic == MAGIC && version >= 1 && version <= 4 && storedBlockNr == blockNr;
    }

    /**
     * A slot QNAP's kernel formatted but never wrote a copy into: checksum and block number valid, version 0, no
     * tree roots, backup_id 0 (its magic is set, or zero).
     */
    public boolean isPlaceholder() {
        return checksumValid && storedBlockNr == blockNr && version == 0 && (magic == MAGIC || magic == 0)
                && dataMappingRoot == 0 && deviceDetailsRoot == 0 && backupId == 0;
    }

    /**
     * Why this block cannot serve as the pool's superblock (checksum, magic, version, block number, block sizes,
     * tree roots), or null when it can; {@code deviceBlocks} is the metadata device's size in blocks.
     */
    public String usableProblem(long deviceBlocks) {
        if (!checksumValid) {
            return "checksum mismatch";
        }
        if (magic != MAGIC) {
            return "magic " + magic + ", expected " + MAGIC;
        }
        if (version < 1 || version > 4) {
            return "version " + version + " (1 to 4 are known)";
        }
        if (storedBlockNr != blockNr) {
            return "blocknr " + storedBlockNr + ", found at block " + blockNr;
        }
        if (metadataBlockSizeSectors * 512 != blockSizeBytes) {
            return "metadata_block_size " + metadataBlockSizeSectors + " sectors, but its checksum matches "
                    + blockSizeBytes + "-byte blocks";
        }
        if (dataBlockSizeSectors == 0 || dataBlockSizeSectors % 8 != 0 || dataBlockSizeSectors > (1L << 22)) {
            return "implausible data_block_size " + dataBlockSizeSectors + " sectors";
        }
        for (long root : new long[] {dataMappingRoot, deviceDetailsRoot}) {
            if (root <= 0 || root >= deviceBlocks) {
                return "tree root " + root + " outside metadata blocks 1.." + (deviceBlocks - 1);
            }
        }
        return null;
    }

    /** True when {@code other} holds the same commit: the same transaction, time and tree roots. */
    public boolean sameCommit(ThinSuperblock other) {
        return transactionId == other.transactionId && time == other.time && dataMappingRoot == other.dataMappingRoot
                && deviceDetailsRoot == other.deviceDetailsRoot && heldRoot == other.heldRoot
                && poolMappingRoot == other.poolMappingRoot && cloneRoot == other.cloneRoot;
    }

    /** QNAP layout: version 3/4, a QNAP feature flag, or 8 KiB metadata blocks. */
    public boolean isQnap() {
        return version >= 3 || (flags & (FLAG_SUPERBLOCK_BACKUP | FLAG_FAST_BLOCK_CLONE)) != 0 || blockSizeBytes == 8192;
    }

    public boolean hasBackups() {
        return (flags & FLAG_SUPERBLOCK_BACKUP) != 0;
    }

    public boolean needsCheck() {
        return (flags & FLAG_NEEDS_CHECK) != 0;
    }

    /** True when the QNAP tier (pool mapping) tree translates pool addresses into tier data LVs. */
    public boolean isTiered() {
        return isQnap() && tierNum > 0 && poolMappingRoot != 0;
    }

    public long dataBlockSizeBytes() {
        return dataBlockSizeSectors * 512;
    }

    /** Checks the fields a reader relies on; adds a finding per problem. */
    void validate(Findings findings, long deviceBlocks) {
        long off = blockNr * blockSizeBytes;
        String s = blockNr == 0 ? "thin superblock" : "thin superblock backup (block " + blockNr + ")";
        if (!checksumValid) {
            findings.add(s, off, "checksum mismatch");
        }
        if (magic != MAGIC) {
            findings.add(s, off + 32, "magic " + magic + ", expected " + MAGIC);
        }
        if (storedBlockNr != blockNr) {
            findings.add(s, off + 8, "blocknr " + storedBlockNr + ", expected " + blockNr);
        }
        if (version < 1 || version > 4) {
            findings.add(s, off + 40, "unknown version " + version);
        }
        if (metadataBlockSizeSectors * 512 != blockSizeBytes) {
            findings.add(s, off + 340, "metadata_block_size " + metadataBlockSizeSectors + " sectors disagrees with the "
                    + blockSizeBytes + "-byte blocks whose checksum matches");
        }
        if (dataBlockSizeSectors == 0 || dataBlockSizeSectors % 8 != 0 || dataBlockSizeSectors > (1L << 22)) {
            findings.add(s, off + 336, "implausible data_block_size " + dataBlockSizeSectors + " sectors");
        }
        if (metadataNrBlocks > deviceBlocks) {
            findings.add(s, off + 344, "metadata_nr_blocks " + metadataNrBlocks + " exceeds the " + deviceBlocks
                    + " blocks of the metadata device (truncated tmeta?)");
        }
        if (incompatFlags != 0) {
            findings.add(s, off + 360, String.format("unknown incompat_flags 0x%x", incompatFlags));
        }
    }
}
