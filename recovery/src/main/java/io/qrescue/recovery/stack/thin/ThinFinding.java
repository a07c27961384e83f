package io.qrescue.recovery.stack.thin;

/** A corruption found in thin metadata: the structure, its byte offset in the metadata LV, and what is wrong. */
public record ThinFinding(String structure, long offsetBytes, String problem) {

    @Override
    public String toString() {
        return structure + " at tmeta byte " + offsetBytes + ": " + problem;
    }
}
