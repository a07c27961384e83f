package io.qrescue.recovery.stack.thin;

/**
 * Virtual blocks {@code [fromBlock, toBlock)} of a salvaged thin device whose mapping is not verified: {@code kind}
 * says why and {@code cause} says it for people, naming the blocks involved and every candidate when there are
 * several.
 */
public record SalvageDoubt(long fromBlock, long toBlock, Kind kind, String cause) {

    /** Why a range is in doubt. */
    public enum Kind {
        /** No surviving node holds the range's mappings: read as zeros, unknown. */
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

    public SalvageDoubt {
        if (fromBlock < 0 || toBlock <= fromBlock) {
            throw new IllegalArgumentException("bad doubt range " + fromBlock + ".." + toBlock);
        }
    }

    public long lengthBlocks() {
        return toBlock - fromBlock;
    }
}
