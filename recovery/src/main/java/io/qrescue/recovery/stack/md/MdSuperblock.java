package io.qrescue.recovery.stack.md;

import java.util.List;

/**
 * A decoded md superblock. Sizes and offsets are in 512-byte sectors as on disk ({@code sizeSectors} = "Used
 * Dev Size", {@code dataSizeSectors} = "Avail Dev Size"); {@code offsetBytes} is where it was found on the member.
 * For 0.90 the roles come from the 27 disk descriptors (index = disk number). {@code checksumOk} compares
 * {@code storedChecksum} with {@code computedChecksum}. {@code reshape} is null unless a reshape is in progress.
 */
public record MdSuperblock(MdVersion version, long offsetBytes, boolean bigEndian, String arrayUuid, String name,
        int level, int layout, long chunkSectors, int raidDisks, long sizeSectors, long dataOffsetSectors,
        long dataSizeSectors, long superOffsetSectors, long featureMap, int devNumber, String deviceUuid,
        long events, long resyncOffset, long recoveryOffsetSectors, int bitmapOffsetSectors, int bblogOffsetSectors,
        int bblogSize, long ctimeSeconds, long utimeSeconds, List<Integer> devRoles, long storedChecksum,
        long computedChecksum, Reshape reshape) {

    /**
     * A reshape in progress: array data before {@code positionSectors} (of the array) already has the new geometry
     * (level, layout, chunk, {@code deltaDisks} more or fewer members), the rest the old one.
     */
    public record Reshape(long positionSectors, int newLevel, int deltaDisks, int newLayout, long newChunkSectors) {
    }

    /** 1.x feature bit: recovery_offset is valid (this member is still being rebuilt). */
    public static final long FEATURE_RECOVERY_OFFSET = 1 << 1;
    /** 1.x feature bit: an internal write-intent bitmap at bitmap_offset. */
    public static final long FEATURE_BITMAP = 1;
    /** 1.x feature bit: a reshape is in progress (reshape_position and the new_* fields are valid). */
    public static final long FEATURE_RESHAPE_ACTIVE = 1 << 2;
    /** 1.x feature bit: the RAID0 layout field is valid (kernels from 5.4 record original or alternate). */
    public static final long FEATURE_RAID0_LAYOUT = 1 << 12;

    public MdSuperblock {
        devRoles = List.copyOf(devRoles);
    }

    public boolean checksumOk() {
        return storedChecksum == computedChecksum;
    }

    /** This member's role: its slot number or one of {@link MdRole}'s special values. */
    public int role() {
        return devNumber >= 0 && devNumber < devRoles.size() ? devRoles.get(devNumber) : MdRole.SPARE;
    }

    /** "clean" when resync_offset is all ones (mdadm's State line), else "active". */
    public boolean clean() {
        return resyncOffset == -1L;
    }

    /** True while this member is still being rebuilt (its data past recovery_offset is not valid yet). */
    public boolean recovering() {
        return (featureMap & FEATURE_RECOVERY_OFFSET) != 0;
    }

    /** Bytes of array data each member holds (RAID1: the array size). */
    public long sizeBytes() {
        return sizeSectors * 512;
    }

    /** mdadm's "Array State" from this superblock's view: one char per slot, 'A' active, '.' missing. */
    public String arrayState() {
        StringBuilder sb = new StringBuilder();
        for (int slot = 0; slot < raidDisks && slot < 4096; slot++) {
            sb.append(devRoles.contains(slot) ? 'A' : '.');
        }
        return sb.toString();
    }
}
