package io.qrescue.recovery.stack.luks;

import java.util.List;

/**
 * What byte 0 of a volume says about LUKS: {@code found} false when no LUKS header is there (the volume is not
 * encrypted, as far as its readable bytes tell; {@code problem} then says when byte 0 itself is not good, so that
 * nobody can tell); otherwise the {@code header} read, or null with the
 * {@code problem} that kept it from being read (damage, a bad checksum, a malformed field). {@code notes} say what
 * else was noticed (e.g. which LUKS2 copy was used and why).
 */
public record LuksProbe(boolean found, LuksHeader header, String problem, List<String> notes) {

    public LuksProbe {
        notes = List.copyOf(notes);
    }

    static LuksProbe none() {
        return new LuksProbe(false, null, null, List.of());
    }

    static LuksProbe unknown(String problem) {
        return new LuksProbe(false, null, problem, List.of());
    }

    static LuksProbe unreadable(String problem, List<String> notes) {
        return new LuksProbe(true, null, problem, notes);
    }
}
