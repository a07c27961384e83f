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

    /**
     * How a file checked against the VM's digest of its volume fares when the file claims only some of its chunks:
     * the differences in claimed chunks (they fail the check), and how many chunks are not claimed and how many of
     * those differ (reported, never failing).
     */
    public record Verdict(List<String> differences, int unclaimedChunks, int unclaimedDiffering) {

        public Verdict {
            differences = List.copyOf(differences);
        }
    }

    /**
     * Compares {@code file} (named {@code fileName}) with the VM's {@code vm} digest of the same volume, except in
     * {@code unclaimed} chunks (those that hold bytes the file's mapfile marks not finished: the file says nothing
     * about them).
     */
    public static Verdict verify(VolumeDigest vm, VolumeDigest file, String fileName, java.util.SortedSet<Integer> unclaimed) {
        List<String> fileChunks = new ArrayList<>(file.chunkSha256());
        int differing = 0;
        for (int i : unclaimed) {
            if (i < vm.chunkSha256().size() && i < fileChunks.size()) {
                differing += vm.chunkSha256().get(i).equals(fileChunks.get(i)) ? 0 : 1;
                fileChunks.set(i, vm.chunkSha256().get(i));
            }
        }
        boolean comparable = file.sizeBytes() == vm.sizeBytes() && file.chunkBytes() == vm.chunkBytes();
        String whole = !unclaimed.isEmpty() && comparable && fileChunks.equals(vm.chunkSha256()) ? vm.sha256()
                : file.sha256();
        VolumeDigest claimed = new VolumeDigest(file.name(), file.sizeBytes(), file.chunkBytes(), whole, fileChunks);
        return new Verdict(differences(vm, "the VM", claimed, fileName), unclaimed.size(), differing);
    }

    /** The chunks of {@code chunkBytes} among the first {@code chunkCount} that hold a byte {@code map} does not mark finished. */
    public static java.util.SortedSet<Integer> unclaimedChunks(io.qrescue.mapfile.BlockMap map, int chunkBytes,
            long chunkCount) {
        java.util.SortedSet<Integer> out = new java.util.TreeSet<>();
        for (io.qrescue.mapfile.StatusBlock b : map) {
            if (b.status() == io.qrescue.mapfile.BlockStatus.FINISHED || b.size() == 0) {
                continue;
            }
            long last = Math.min((b.end() - 1) / chunkBytes, chunkCount - 1);
            for (long c = b.pos() / chunkBytes; c <= last; c++) {
                out.add((int) c);
            }
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
