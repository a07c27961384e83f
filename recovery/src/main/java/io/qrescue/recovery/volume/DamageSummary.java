package io.qrescue.recovery.volume;

import io.qrescue.recovery.source.Damage;
import io.qrescue.recovery.source.DamageKind;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The damage of a volume (or of what a command wrote of it) by kind: bytes on unreadable image bytes, bytes of
 * unknown provenance, and the distinct causes of the latter in volume order. This is the one rule every command
 * that outputs volume bytes or files applies: unreadable bytes are marked in the output's mapfile and listed
 * (ddrescue's way: the command still succeeds); bytes of unknown provenance are marked and listed too, and make
 * the command fail with the corrupt-input code, saying {@link #unknownLine()}.
 */
public record DamageSummary(long unreadableBytes, long unknownBytes, List<String> unknownCauses) {

    public DamageSummary {
        unknownCauses = List.copyOf(unknownCauses);
    }

    /** Sums {@code damage} by kind. */
    public static DamageSummary of(List<Damage> damage) {
        long unreadable = 0;
        long unknown = 0;
        Set<String> causes = new LinkedHashSet<>();
        for (Damage d : damage) {
            if (d.kind() == DamageKind.UNKNOWN) {
                unknown += d.length();
                causes.add(d.cause());
            } else {
                unreadable += d.length();
            }
        }
        return new DamageSummary(unreadable, unknown, new ArrayList<>(causes));
    }

    /** True when some bytes are of unknown provenance: the output cannot be vouched for, the command fails. */
    public boolean hasUnknown() {
        return unknownBytes > 0;
    }

    /**
     * "N bytes of unknown provenance: CAUSE (and K more causes)" for the one line a command prints when it fails
     * for them; null when there are none.
     */
    public String unknownLine() {
        if (!hasUnknown()) {
            return null;
        }
        int more = unknownCauses.size() - 1;
        return unknownBytes + " bytes of unknown provenance: " + unknownCauses.get(0)
                + (more > 0 ? " (and " + more + " more cause" + (more > 1 ? "s" : "") + ")" : "");
    }
}
