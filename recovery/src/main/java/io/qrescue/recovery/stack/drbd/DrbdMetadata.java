package io.qrescue.recovery.stack.drbd;

/**
 * The DRBD 8.4 metadata block found {@code 4096} bytes before the end of an md array (big-endian on disk).
 * {@code lastAgreedSectors} (la_sect) is the size of the replicated data; the PV must end there.
 */
public record DrbdMetadata(long offsetBytes, long magic, long lastAgreedSectors, long flags, long mdSizeSectors,
        int alOffsetSectors, int bmOffsetSectors, long bmBytesPerBit) {

    public static final long MAGIC_08 = 0x8374026AL;
    public static final long MAGIC_84_UNCLEAN = 0x8374026BL;
    public static final long MAGIC_09 = 0x8374026CL;

    /** Size of the data DRBD replicates, bytes. */
    public long dataSizeBytes() {
        return lastAgreedSectors * 512;
    }

    /** "08", "84 unclean" or "09". */
    public String versionText() {
        return magic == MAGIC_08 ? "08" : magic == MAGIC_84_UNCLEAN ? "84 unclean" : "09";
    }
}
