package io.qrescue.recovery.stack.md;

import java.util.List;

/**
 * What bytes {@code [memberOffset, +length)} of one member hold: array data (one of the copies, for mirrors),
 * the parity of a stripe row (P or Q, protecting {@code arrayRanges}, the row's data), or nothing (past the array).
 * For data, {@code arrayRanges} is the one range the bytes hold.
 */
public record MemberUse(long memberOffset, long length, Kind kind, List<ArrayRange> arrayRanges) {

    /** What the bytes are to the array. */
    public enum Kind {
        DATA("data"), PARITY("parity"), UNUSED("unused");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** A range of array bytes. */
    public record ArrayRange(long offset, long length) {
        public long end() {
            return offset + length;
        }
    }

    public MemberUse {
        arrayRanges = List.copyOf(arrayRanges);
    }

    public long memberEnd() {
        return memberOffset + length;
    }
}
