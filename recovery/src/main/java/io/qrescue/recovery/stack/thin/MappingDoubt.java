package io.qrescue.recovery.stack.thin;

/**
 * Keys of a mapping tree whose mappings are unknown: {@code [keyFrom, keyTo)} of thin device {@code deviceId}'s
 * tree (virtual blocks), or of the Qtier pool-mapping tree (pool tier blocks; {@code deviceId} is
 * {@link BlockRole#NO_DEVICE}), because the node at metadata block {@code blockNr} that holds them is unreadable,
 * invalid or not where its parent says, or because a mapping there is impossible. {@code cause} says which, for
 * people. A reader that can recover mappings some other way (a salvage) replaces exactly these ranges.
 */
public record MappingDoubt(long deviceId, long keyFrom, long keyTo, long blockNr, String cause) {

    public MappingDoubt {
        if (keyFrom < 0 || keyTo <= keyFrom) {
            throw new IllegalArgumentException("bad mapping doubt " + keyFrom + ".." + keyTo);
        }
    }
}
