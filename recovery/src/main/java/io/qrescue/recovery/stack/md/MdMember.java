package io.qrescue.recovery.stack.md;

/**
 * One device that carries a superblock of an array: where it lies ({@code imageIndex} of the scanned images,
 * byte range {@code [startBytes, startBytes + sizeBytes)} of that image), its superblock, the role (slot) it plays
 * in the assembled array (-1 when it plays none), how it is used ({@code use}) and why ({@code state}: "in sync",
 * "stale: events 10 < 12", "faulty in the newest superblock", "spare", "bad checksum", "same device as ...").
 */
public record MdMember(String label, int imageIndex, long startBytes, long sizeBytes, MdSuperblock superblock,
        int role, Use use, String state) {

    /** How the assembly uses a member. */
    public enum Use {
        /** Read as it is. */
        IN_SYNC,
        /** Read below its recovery offset; its bytes past it are of unknown provenance. */
        RECOVERING,
        /** Not in sync, but the array is not complete without it: read, with all its bytes of unknown provenance. */
        DOUBTED,
        /** Out of date (older events, failed, removed, bad checksum): not read while the array does without it. */
        STALE,
        /** Never read. */
        NOT_USED
    }

    /** True when its bytes are trusted (in sync, or recovering below its recovery offset). */
    public boolean inSync() {
        return use == Use.IN_SYNC || use == Use.RECOVERING;
    }

    /** True when the array reads it. */
    public boolean used() {
        return use == Use.IN_SYNC || use == Use.RECOVERING || use == Use.DOUBTED;
    }

    /** Byte offset on the image where this member's share of the array data starts. */
    public long dataStartBytes() {
        return startBytes + superblock.dataOffsetSectors() * 512;
    }

    /** The same member with another role, use and state. */
    MdMember as(int newRole, Use newUse, String newState) {
        return new MdMember(label, imageIndex, startBytes, sizeBytes, superblock, newRole, newUse, newState);
    }
}
