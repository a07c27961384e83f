package io.qrescue.recovery.stack.thin;

import java.util.ArrayList;
import java.util.List;

/** Collects findings of one metadata read; capped so that a thoroughly broken image cannot exhaust memory. */
final class Findings {

    static final int MAX_KEPT = 10_000;

    private final List<ThinFinding> kept = new ArrayList<>();
    private long dropped;

    /** A corruption. */
    void add(String structure, long offsetBytes, String problem) {
        add(new ThinFinding(structure, offsetBytes, problem));
    }

    /** Something damaged that costs nothing while a better copy is read (a spare superblock copy). */
    void warn(String structure, long offsetBytes, String problem) {
        add(new ThinFinding(io.qrescue.recovery.stack.finding.Severity.WARNING, structure, offsetBytes, problem));
    }

    private void add(ThinFinding f) {
        if (kept.size() < MAX_KEPT) {
            kept.add(f);
        } else {
            dropped++;
        }
    }

    List<ThinFinding> snapshot() {
        List<ThinFinding> out = new ArrayList<>(kept);
        if (dropped > 0) {
            out.add(new ThinFinding("findings", 0, dropped + " further findings not kept"));
        }
        return out;
    }

    boolean isEmpty() {
        return kept.isEmpty();
    }
}
