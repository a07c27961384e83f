package io.qrescue.recovery.stack.thin;

import io.qrescue.recovery.stack.finding.Severity;

/**
 * What thin metadata showed: how much it matters, the structure, its byte offset in the metadata LV, and what is
 * wrong. Corruption is an {@link Severity#ERROR} (the 3-argument form); a damaged spare copy that costs nothing is a
 * {@link Severity#WARNING}.
 */
public record ThinFinding(Severity severity, String structure, long offsetBytes, String problem) {

    /** A corruption ({@link Severity#ERROR}). */
    public ThinFinding(String structure, long offsetBytes, String problem) {
        this(Severity.ERROR, structure, offsetBytes, problem);
    }

    @Override
    public String toString() {
        return structure + " at tmeta byte " + offsetBytes + ": " + problem;
    }
}
