package io.qrescue.recovery.vm.rescue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the digests file the volume-digests job writes ("chunk-bytes N", then per volume "lv VG/LV SIZE SHA256"
 * followed by its "chunk VG/LV OFFSET SHA256" lines in offset order) into {@link VolumeDigest}s, in file order.
 */
public final class VolumeDigestList {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9+_.-]+/[A-Za-z0-9+_.-]+");

    private VolumeDigestList() {
    }

    /** Thrown for text that is not a complete digests file; the message names the source and the line. */
    public static final class MalformedDigestsException extends Exception {
        public MalformedDigestsException(String message) {
            super(message);
        }
    }

    /** Parses {@code text}; {@code sourceName} (a file name) goes into error messages. */
    public static List<VolumeDigest> parse(String text, String sourceName) throws MalformedDigestsException {
        String[] lines = text.split("\n", -1);
        int chunkBytes = -1;
        Map<String, Pending> volumes = new LinkedHashMap<>();
        Pending current = null;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String where = sourceName + " line " + (i + 1) + ": ";
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.trim().split(" ");
            if (chunkBytes < 0) {
                if (f.length != 2 || !f[0].equals("chunk-bytes")) {
                    throw new MalformedDigestsException(where + "expected 'chunk-bytes N' first, found '" + line + "'");
                }
                chunkBytes = (int) number(f[1], 1, Integer.MAX_VALUE, where + "chunk size");
                continue;
            }
            if (f.length != 4 || !(f[0].equals("lv") || f[0].equals("chunk"))) {
                throw new MalformedDigestsException(where + "expected 'lv NAME SIZE SHA256' or "
                        + "'chunk NAME OFFSET SHA256', found '" + line + "'");
            }
            if (!NAME.matcher(f[1]).matches()) {
                throw new MalformedDigestsException(where + "not a VG/LV name: '" + f[1] + "'");
            }
            if (!SHA256.matcher(f[3]).matches()) {
                throw new MalformedDigestsException(where + "not a sha256 (64 lowercase hex digits): '" + f[3] + "'");
            }
            if (f[0].equals("lv")) {
                finish(current, chunkBytes, sourceName);
                if (volumes.containsKey(f[1])) {
                    throw new MalformedDigestsException(where + "volume " + f[1] + " listed twice");
                }
                current = new Pending(f[1], number(f[2], 0, Long.MAX_VALUE, where + "size"), f[3], i + 1);
                volumes.put(f[1], current);
            } else {
                if (current == null || !current.name.equals(f[1])) {
                    throw new MalformedDigestsException(where + "chunk of " + f[1] + " outside its volume's lines");
                }
                long offset = number(f[2], 0, Long.MAX_VALUE, where + "offset");
                long want = (long) current.chunks.size() * chunkBytes;
                if (offset != want || offset >= current.sizeBytes) {
                    throw new MalformedDigestsException(where + f[1] + ": chunk at offset " + offset
                            + ", expected " + (want < current.sizeBytes ? "offset " + want : "no more chunks")
                            + " (size " + current.sizeBytes + ", chunks of " + chunkBytes + ")");
                }
                current.chunks.add(f[3]);
            }
        }
        if (chunkBytes < 0) {
            throw new MalformedDigestsException(sourceName + ": empty, no 'chunk-bytes' line");
        }
        finish(current, chunkBytes, sourceName);
        List<VolumeDigest> out = new ArrayList<>();
        for (Pending p : volumes.values()) {
            out.add(new VolumeDigest(p.name, p.sizeBytes, chunkBytes, p.sha256, p.chunks));
        }
        return out;
    }

    private static void finish(Pending volume, int chunkBytes, String sourceName) throws MalformedDigestsException {
        if (volume != null && volume.chunks.size() != VolumeDigest.chunkCount(volume.sizeBytes, chunkBytes)) {
            throw new MalformedDigestsException(sourceName + " line " + volume.line + ": " + volume.name + " has "
                    + volume.chunks.size() + " chunk lines, its size " + volume.sizeBytes + " needs "
                    + VolumeDigest.chunkCount(volume.sizeBytes, chunkBytes));
        }
    }

    private static long number(String text, long min, long max, String what) throws MalformedDigestsException {
        try {
            long n = Long.parseLong(text);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new MalformedDigestsException(what + " is not a number in [" + min + ", " + max + "]: '" + text + "'");
    }

    private static final class Pending {
        final String name;
        final long sizeBytes;
        final String sha256;
        final int line;
        final List<String> chunks = new ArrayList<>();

        Pending(String name, long sizeBytes, String sha256, int line) {
            this.name = name;
            this.sizeBytes = sizeBytes;
            this.sha256 = sha256;
            this.line = line;
        }
    }
}
