package io.qrescue.recovery.stack.thin;

/**
 * Keys of a mapping tree whose mappings are not vouched for: {@code [keyFrom, keyTo)} of thin device
 * {@code deviceId}'s tree (virtual blocks), or of the Qtier pool-mapping tree (pool tier blocks; {@code deviceId} is
 * {@link BlockRole#NO_DEVICE}). {@code kind} says how: {@link Kind#LOST} when the node at metadata block
 * {@code blockNr} that holds them is unreadable, invalid or not where its parent says, or a mapping there is
 * impossible (the normal walk), or no surviving node holds them (the salvage); {@link Kind#STALE} and
 * {@link Kind#AMBIGUOUS} when {@link ThinSalvage} rebuilt them from an older copy or chose between candidates
 * ({@code blockNr} is then {@link #NO_BLOCK}: the cause names every block involved). {@code cause} says it for
 * people. The salvage replaces exactly the normal walk's lost ranges, with its own doubts where it is not sure.
 */
public record MappingDoubt(long deviceId, long keyFrom, long keyTo, long blockNr, Kind kind, String cause) {

    /** {@code blockNr} of a doubt that no single metadata block explains. */
    public static final long NO_BLOCK = -1;

    /** How far a range's mappings are known. */
    public enum Kind {
        /** No readable node holds the range's mappings: read as zeros, unknown. */
        LOST("lost"),
        /** Mappings rebuilt from an older copy-on-write copy of the metadata: extracted, but may be stale. */
        STALE("may be stale"),
        /** Several surviving candidates disagree (device roots, states without a superblock): one extracted. */
        AMBIGUOUS("ambiguous");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public MappingDoubt {
        if (keyFrom < 0 || keyTo <= keyFrom) {
            throw new IllegalArgumentException("bad mapping doubt " + keyFrom + ".." + keyTo);
        }
    }

    /** A lost range under the node at {@code blockNr}. */
    public MappingDoubt(long deviceId, long keyFrom, long keyTo, long blockNr, String cause) {
        this(deviceId, keyFrom, keyTo, blockNr, Kind.LOST, cause);
    }

    public long lengthKeys() {
        return keyTo - keyFrom;
    }

    /** True when key {@code k} lies in the range. */
    public boolean contains(long k) {
        return k >= keyFrom && k < keyTo;
    }
}
