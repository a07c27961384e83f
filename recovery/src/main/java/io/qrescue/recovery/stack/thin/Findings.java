package io.qrescue.recovery.stack.thin;

import java.util.ArrayList;
import java.util.List;

/** Collects findings of one metadata read; capped so that a thoroughly broken image cannot exhaust memory. */
final class Findings {

    static final int MAX_KEPT = 10_000;

    private final List<ThinFinding> kept = new ArrayList<>();
    private long dropped;

    void add(String structure, long offsetBytes, String problem) {
        if (kept.size() < MAX_KEPT) {
            kept.add(new ThinFinding(structure, offsetBytes, problem));
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
