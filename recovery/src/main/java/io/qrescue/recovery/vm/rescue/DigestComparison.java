package io.qrescue.recovery.vm.rescue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where two sets of {@link VolumeDigest}s of the same volumes disagree (the recovery VM's and an extraction's):
 * volumes only one side has, sizes, chunk sizes, and every chunk whose sha256 differs, by volume and offset.
 */
public final class DigestComparison {

    private DigestComparison() {
    }

    /**
     * One line per difference, empty when both sides hold the same volumes with the same bytes;
     * {@code leftName} and {@code rightName} say whose digests they are ("the VM", "extracted").
     */
    public static List<String> differences(List<VolumeDigest> left, String leftName, List<VolumeDigest> right,
            String rightName) {
        Map<String, VolumeDigest> l = byName(left);
        Map<String, VolumeDigest> r = byName(right);
        List<String> out = new ArrayList<>();
        for (VolumeDigest a : l.values()) {
            VolumeDigest b = r.get(a.name());
            if (b == null) {
                out.add(a.name() + ": only " + leftName + " has it");
            } else {
                out.addAll(differences(a, leftName, b, rightName));
            }
        }
        for (VolumeDigest b : r.values()) {
            if (!l.containsKey(b.name())) {
                out.add(b.name() + ": only " + rightName + " has it");
            }
        }
        return out;
    }

    /** The differences of one volume's two digests (same name assumed). */
    public static List<String> differences(VolumeDigest a, String leftName, VolumeDigest b, String rightName) {
        List<String> out = new ArrayList<>();
        String name = a.name();
        if (a.chunkBytes() != b.chunkBytes()) {
            out.add(name + ": chunks of " + a.chunkBytes() + " bytes in " + leftName + ", " + b.chunkBytes()
                    + " in " + rightName + "; not comparable");
            return out;
        }
        if (a.sizeBytes() != b.sizeBytes()) {
            out.add(name + ": " + a.sizeBytes() + " bytes in " + leftName + ", " + b.sizeBytes() + " in "
                    + rightName);
        }
        int common = Math.min(a.chunkSha256().size(), b.chunkSha256().size());
        for (int i = 0; i < common; i++) {
            if (!a.chunkSha256().get(i).equals(b.chunkSha256().get(i))) {
                long offset = (long) i * a.chunkBytes();
                out.add(String.format("%s: chunk at offset %d (0x%X, %d bytes) differs: %s in %s, %s in %s", name,
                        offset, offset, a.chunkBytes(), a.chunkSha256().get(i), leftName, b.chunkSha256().get(i),
                        rightName));
            }
        }
        if (out.isEmpty() && !a.sha256().equals(b.sha256())) {
            // equal chunks with unequal whole digests: one side's digests are not of the bytes it says
            out.add(name + ": every chunk agrees but the whole-volume sha256 does not: " + a.sha256() + " in "
                    + leftName + ", " + b.sha256() + " in " + rightName);
        }
        return out;
    }

    private static Map<String, VolumeDigest> byName(List<VolumeDigest> digests) {
        Map<String, VolumeDigest> out = new LinkedHashMap<>();
        for (VolumeDigest d : digests) {
            if (out.put(d.name(), d) != null) {
                throw new IllegalArgumentException("volume " + d.name() + " digested twice");
            }
        }
        return out;
    }
}
