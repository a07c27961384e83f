package io.qrescue.recovery.analysis;

import io.qrescue.recovery.stack.luks.LuksKeys;
import io.qrescue.recovery.stack.luks.LuksProbe;
import io.qrescue.recovery.stack.luks.LuksUnlockException;
import io.qrescue.recovery.stack.luks.LuksUnlocker;
import io.qrescue.recovery.stack.luks.LuksVolume;
import io.qrescue.recovery.stack.luks.Passphrase;
import io.qrescue.recovery.stack.luks.UnsupportedLuksException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The LUKS layer of one encrypted volume of an analysis: what its header says ({@code probe}) and, when secrets
 * were given for it, the volume {@code opened} (null when not) or why it did not open ({@code failure}; null when
 * no secret was given: the volume is locked).
 */
public record LuksLayer(String volume, LuksProbe probe, LuksUnlocker.Opened opened, String failure) {

    /**
     * Every encrypted volume of {@code analysis}, each opened with the secrets {@code keys} gives for it; key slots
     * on bytes that are not good (the rescued images' damage and the stack's doubts) are skipped.
     */
    public static Map<String, LuksLayer> open(StackAnalysis analysis, LuksKeys keys) {
        Map<String, LuksLayer> out = new LinkedHashMap<>();
        analysis.luks().forEach((name, probe) -> {
            List<Passphrase> candidates = keys.candidates(name);
            AnalyzedVolume v = analysis.volume(name);
            if (candidates.isEmpty() || v == null || v.placements().isEmpty()) {
                out.put(name, new LuksLayer(name, probe, null, null));
                return;
            }
            try {
                out.put(name, new LuksLayer(name, probe, LuksVolume.open(name, v.open(), probe, candidates), null));
            } catch (LuksUnlockException | UnsupportedLuksException e) {
                out.put(name, new LuksLayer(name, probe, null, e.getMessage()));
            } catch (IOException e) {
                out.put(name, new LuksLayer(name, probe, null, "can't read the key material: " + e.getMessage()));
            }
        });
        return out;
    }

    /** One line for people: how the volume opened, why not, or that it is locked. */
    public String status() {
        if (opened != null) {
            return "opened key slot " + opened.keySlot() + " with " + opened.rule();
        }
        if (failure != null) {
            return failure;
        }
        return "locked (give --password-file, --passphrase-file or --key-file to open it)";
    }
}
