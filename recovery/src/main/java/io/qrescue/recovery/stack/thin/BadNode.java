package io.qrescue.recovery.stack.thin;

/**
 * A btree pointer a walk could not follow: the child block {@code blockNr} its parent (or a root pointer) names for
 * keys {@code [keyFrom, keyTo)}, at {@code depth} below the root, and why ({@code cause}: unreadable, fails its
 * checks, outside the metadata device, met twice, too deep). Whatever that subtree held is unknown.
 */
record BadNode(long blockNr, long keyFrom, long keyTo, int depth, Kind kind, String cause) {

    /** Why the pointer was not followed. */
    enum Kind {
        /** The block's bytes are not good (bad sector, or bytes below whose provenance is in doubt). */
        UNREADABLE,
        /** The block was read but is not a valid node for this place (checksum, block number, header, keys). */
        INVALID,
        /** The pointer names block 0 (the superblock) or a block outside the metadata device. */
        BAD_POINTER,
        /** The block was already entered in this tree (a cycle or a shared child): the second pointer is not. */
        REPEATED,
        /** The walk is deeper than any real tree. */
        TOO_DEEP
    }

    /** True when the block exists and its place in the live-block map is known (its content is not). */
    boolean isLiveBlock() {
        return kind == Kind.UNREADABLE || kind == Kind.INVALID;
    }
}
