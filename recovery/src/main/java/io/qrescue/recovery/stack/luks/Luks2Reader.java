package io.qrescue.recovery.stack.luks;

import io.qrescue.recovery.json.JsonReader;
import io.qrescue.recovery.source.ImageSource;
import io.qrescue.recovery.stack.finding.Bytes;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * LUKS2: both header copies (binary header + JSON metadata), checked and chosen, then the JSON's data segment,
 * key slots and digest turned into a {@link LuksHeader}. See {@link LuksHeaderReader} for the choice rule.
 */
final class Luks2Reader {

    /** The largest hdr_size cryptsetup writes (4 MiB: 4 KiB binary header + JSON). */
    private static final long MAX_HEADER_BYTES = 4L << 20;

    /** One header copy: where it is, what it says, and why it cannot be used (null when it can). */
    private record Copy(String name, long offset, long hdrSize, long seqid, Map<String, Object> json, String problem,
            String uuid, String label) {

        Copy(String name, long offset, long hdrSize, long seqid, Map<String, Object> json, String problem) {
            this(name, offset, hdrSize, seqid, json, problem, "", "");
        }
    }

    private Luks2Reader() {
    }

    static LuksProbe read(ImageSource volume) {
        Copy primary = copy(volume, "primary", 0, LuksHeaderReader.MAGIC);
        List<Long> offsets = new ArrayList<>();
        if (primary.hdrSize > 0) {
            offsets.add(primary.hdrSize);
        }
        for (long o : LuksHeaderReader.LUKS2_SECONDARY_OFFSETS) {
            if (!offsets.contains(o)) {
                offsets.add(o);
            }
        }
        Copy secondary = null;
        for (long o : offsets) {
            Copy c = copy(volume, "secondary", o, LuksHeaderReader.MAGIC2_SECONDARY);
            if (c.problem == null || secondary == null && c.hdrSize > 0) {
                secondary = c;
                if (c.problem == null) {
                    break;
                }
            }
        }
        return choose(primary, secondary);
    }

    /** A LUKS2 volume whose primary header is unreadable, found by its secondary copy; null when there is none. */
    static LuksProbe readSecondaryOnly(ImageSource volume) {
        for (long o : LuksHeaderReader.LUKS2_SECONDARY_OFFSETS) {
            byte[] magic = LuksHeaderReader.good(volume, o, 8);
            if (magic != null && LuksHeaderReader.startsWith(magic, LuksHeaderReader.MAGIC2_SECONDARY)) {
                Copy primary = new Copy("primary", 0, -1, -1, null, "its first bytes are unreadable");
                return choose(primary, copy(volume, "secondary", o, LuksHeaderReader.MAGIC2_SECONDARY));
            }
        }
        return null;
    }

    private static LuksProbe choose(Copy primary, Copy secondary) {
        List<String> notes = new ArrayList<>();
        Copy chosen;
        if (primary.problem == null && (secondary == null || secondary.problem != null
                || secondary.seqid <= primary.seqid)) {
            chosen = primary;
            if (secondary == null) {
                notes.add("LUKS2 secondary header not found; using the primary");
            } else if (secondary.problem != null) {
                notes.add("LUKS2 secondary header at byte " + secondary.offset + " " + secondary.problem
                        + "; using the primary");
            } else if (secondary.seqid < primary.seqid) {
                notes.add("LUKS2 secondary header is older (seqid " + secondary.seqid + " < " + primary.seqid
                        + "); using the primary");
            }
        } else if (secondary != null && secondary.problem == null) {
            chosen = secondary;
            notes.add(primary.problem != null ? "LUKS2 primary header " + primary.problem + "; using the secondary at"
                    + " byte " + secondary.offset : "LUKS2 primary header is older (seqid " + primary.seqid + " < "
                    + secondary.seqid + "); using the secondary at byte " + secondary.offset);
        } else {
            return LuksProbe.unreadable("LUKS2 primary header " + primary.problem + (secondary == null
                    ? " and no secondary header was found" : "; secondary header " + secondary.problem)
                    + ": no key slot can be opened without a header backup", notes);
        }
        try {
            long hdr = chosen.hdrSize;
            LuksHeader header = header(chosen, chosen.name.equals("primary") ? hdr : chosen.offset);
            return new LuksProbe(true, header, null, notes);
        } catch (RuntimeException e) {
            return LuksProbe.unreadable("LUKS2 metadata (" + chosen.name + " header): " + e.getMessage(), notes);
        }
    }

    /** Reads and checks the copy at {@code offset}; its problem says why it cannot be used. */
    private static Copy copy(ImageSource volume, String name, long offset, byte[] magic) {
        byte[] bin = LuksHeaderReader.good(volume, offset, LuksHeaderReader.LUKS2_BINARY_BYTES);
        if (bin == null) {
            return new Copy(name, offset, -1, -1, null, "is unreadable or past the volume's end");
        }
        if (!LuksHeaderReader.startsWith(bin, magic) || (Bytes.u32be(bin, 4) & 0xFFFF) != 2) {
            return new Copy(name, offset, -1, -1, null, "has no LUKS2 magic");
        }
        long hdrSize = Bytes.u64be(bin, 8);
        long seqid = Bytes.u64be(bin, 16);
        long hdrOffset = Bytes.u64be(bin, 256);
        if (hdrSize < 16384 || hdrSize > MAX_HEADER_BYTES || hdrSize % 4096 != 0) {
            return new Copy(name, offset, -1, seqid, null, "gives hdr_size " + hdrSize + ", not a LUKS2 size");
        }
        if (hdrOffset != offset) {
            return new Copy(name, offset, hdrSize, seqid, null, "says it lies at byte " + hdrOffset);
        }
        byte[] whole = LuksHeaderReader.good(volume, offset, (int) hdrSize);
        if (whole == null) {
            return new Copy(name, offset, hdrSize, seqid, null, "has unreadable JSON metadata (bytes " + offset + ".."
                    + (offset + hdrSize) + ")");
        }
        String alg = Bytes.cString(whole, 72, 32);
        if (!alg.equals("sha256")) {
            return new Copy(name, offset, hdrSize, seqid, null, "uses checksum " + alg + ", not sha256");
        }
        byte[] stored = Arrays.copyOfRange(whole, 448, 448 + 32);
        Arrays.fill(whole, 448, 448 + 64, (byte) 0);
        if (!MessageDigest.isEqual(sha256(whole), stored)) {
            return new Copy(name, offset, hdrSize, seqid, null, "fails its checksum");
        }
        int end = LuksHeaderReader.LUKS2_BINARY_BYTES;
        while (end < whole.length && whole[end] != 0) {
            end++;
        }
        String text = new String(whole, LuksHeaderReader.LUKS2_BINARY_BYTES, end - LuksHeaderReader.LUKS2_BINARY_BYTES,
                StandardCharsets.UTF_8);
        try {
            Object json = JsonReader.parse(text);
            if (!(json instanceof Map<?, ?>)) {
                return new Copy(name, offset, hdrSize, seqid, null, "holds JSON that is not an object");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> object = (Map<String, Object>) json;
            return new Copy(name, offset, hdrSize, seqid, object, null, Bytes.cString(whole, 168, 40),
                    Bytes.cString(whole, 24, 48));
        } catch (IllegalArgumentException e) {
            return new Copy(name, offset, hdrSize, seqid, null, "holds malformed JSON (" + e.getMessage() + ")");
        }
    }

    private static LuksHeader header(Copy copy, long secondaryOffset) {
        Map<String, Object> json = copy.json;
        long hdrSize = copy.hdrSize;
        Map<String, Object> segments = object(json, "segments");
        Map<String, Object> keyslots = object(json, "keyslots");
        Map<String, Object> digests = object(json, "digests");
        String cipherProblem = null;
        TreeMap<Integer, Map<String, Object>> cryptSegments = new TreeMap<>();
        segments.forEach((k, v) -> cryptSegments.put(Integer.parseInt(k), asObject(v, "segment " + k)));
        if (cryptSegments.isEmpty()) {
            throw new IllegalArgumentException("no data segment");
        }
        Map.Entry<Integer, Map<String, Object>> first = cryptSegments.firstEntry();
        Map<String, Object> segment = first.getValue();
        String segmentId = String.valueOf(first.getKey());
        if (cryptSegments.size() > 1) {
            cipherProblem = cryptSegments.size() + " data segments (a reencryption in progress) are not supported";
        } else if (!"crypt".equals(segment.get("type"))) {
            cipherProblem = "data segment type " + segment.get("type") + " is not supported";
        } else if (segment.get("integrity") != null) {
            cipherProblem = "authenticated encryption (dm-integrity) is not supported";
        }
        String encryption = string(segment, "encryption");
        if (cipherProblem == null) {
            try {
                CipherSpec.parse(encryption);
            } catch (UnsupportedLuksException e) {
                cipherProblem = e.getMessage();
            }
        }
        long payloadOffset = number(segment, "offset");
        Object size = segment.get("size");
        long payloadLength = "dynamic".equals(size) ? -1 : number(segment, "size");
        long ivTweak = number(segment, "iv_tweak");
        int sectorBytes = (int) number(segment, "sector_size");
        Map<String, Object> digestJson = null;
        for (Object d : digests.values()) {
            Map<String, Object> dj = asObject(d, "digest");
            if (list(dj, "segments").contains(segmentId)) {
                digestJson = dj;
            }
        }
        if (digestJson == null) {
            throw new IllegalArgumentException("no digest for data segment " + segmentId);
        }
        if (!"pbkdf2".equals(digestJson.get("type"))) {
            throw new IllegalArgumentException("digest type " + digestJson.get("type") + " is not supported");
        }
        LuksDigest digest = new LuksDigest(string(digestJson, "hash"), number(digestJson, "iterations"),
                base64(digestJson, "salt"), base64(digestJson, "digest"));
        List<Object> boundSlots = list(digestJson, "keyslots");
        List<LuksKeySlot> slots = new ArrayList<>();
        List<HeaderArea> areas = new ArrayList<>();
        areas.add(new HeaderArea("LUKS2 primary header", 0, hdrSize, -1));
        areas.add(new HeaderArea("LUKS2 secondary header", secondaryOffset, hdrSize, -1));
        int keyBytes = -1;
        TreeMap<Integer, Map<String, Object>> sortedSlots = new TreeMap<>();
        keyslots.forEach((k, v) -> sortedSlots.put(Integer.parseInt(k), asObject(v, "keyslot " + k)));
        for (Map.Entry<Integer, Map<String, Object>> e : sortedSlots.entrySet()) {
            LuksKeySlot slot = keySlot(e.getKey(), e.getValue(), boundSlots.contains(String.valueOf(e.getKey())));
            slots.add(slot);
            areas.add(new HeaderArea("key slot " + slot.index() + " key material", slot.areaOffsetBytes(),
                    slot.areaLengthBytes(), slot.index()));
            if (slot.problem() == null && keyBytes < 0) {
                keyBytes = (int) number(e.getValue(), "key_size");
            }
        }
        if (keyBytes < 0) {
            keyBytes = sortedSlots.isEmpty() ? 0 : (int) number(sortedSlots.firstEntry().getValue(), "key_size");
        }
        return new LuksHeader(2, copy.uuid, copy.label, encryption, digest.hash(), keyBytes,
                payloadOffset, payloadLength, sectorBytes, ivTweak, digest, slots, areas, cipherProblem);
    }

    private static LuksKeySlot keySlot(int index, Map<String, Object> j, boolean bound) {
        String problem = null;
        if (!"luks2".equals(j.get("type"))) {
            problem = "key slot type " + j.get("type") + " is not supported";
        } else if (!bound) {
            problem = "not bound to the data segment's digest";
        }
        Map<String, Object> area = object(j, "area");
        Map<String, Object> af = object(j, "af");
        Map<String, Object> kdfJson = object(j, "kdf");
        String kdfType = string(kdfJson, "type");
        Kdf kdf = switch (kdfType) {
            case "pbkdf2" -> new Kdf.Pbkdf2(string(kdfJson, "hash"), number(kdfJson, "iterations"),
                    base64(kdfJson, "salt"));
            case "argon2i", "argon2id" -> new Kdf.Argon2(kdfType, (int) number(kdfJson, "time"),
                    (int) number(kdfJson, "memory"), (int) number(kdfJson, "cpus"), base64(kdfJson, "salt"));
            default -> null;
        };
        if (kdf == null) {
            problem = "key derivation " + kdfType + " is not supported";
            kdf = new Kdf.Pbkdf2("sha256", 0, new byte[0]);
        }
        String areaCipher = string(area, "encryption");
        if (problem == null) {
            try {
                CipherSpec.parse(areaCipher);
                LuksHash.named(string(af, "hash"));
            } catch (UnsupportedLuksException e) {
                problem = e.getMessage();
            }
        }
        if (problem == null && !"luks1".equals(af.get("type"))) {
            problem = "anti-forensic type " + af.get("type") + " is not supported";
        }
        int priority = j.containsKey("priority") ? (int) number(j, "priority") : 1;
        return new LuksKeySlot(index, true, kdf, number(area, "offset"), number(area, "size"),
                (int) number(af, "stripes"), string(af, "hash"), areaCipher, (int) number(area, "key_size"), priority,
                problem);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asObject(Object v, String what) {
        if (!(v instanceof Map<?, ?>)) {
            throw new IllegalArgumentException(what + " is not an object");
        }
        return (Map<String, Object>) v;
    }

    private static Map<String, Object> object(Map<String, Object> j, String key) {
        return asObject(j.get(key), "\"" + key + "\"");
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Map<String, Object> j, String key) {
        Object v = j.get(key);
        if (!(v instanceof List<?>)) {
            throw new IllegalArgumentException("\"" + key + "\" is not a list");
        }
        return (List<Object>) v;
    }

    private static String string(Map<String, Object> j, String key) {
        Object v = j.get(key);
        if (!(v instanceof String s)) {
            throw new IllegalArgumentException("\"" + key + "\" is not a string");
        }
        return s;
    }

    /** LUKS2 writes 64-bit values as decimal strings and small ones as JSON numbers; both are taken. */
    private static long number(Map<String, Object> j, String key) {
        Object v = j.get(key);
        try {
            if (v instanceof String s) {
                return Long.parseUnsignedLong(s);
            }
            if (v instanceof BigDecimal d) {
                return d.longValueExact();
            }
        } catch (NumberFormatException | ArithmeticException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException("\"" + key + "\" is not a whole number: " + v);
    }

    private static byte[] base64(Map<String, Object> j, String key) {
        try {
            return Base64.getDecoder().decode(string(j, key));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\"" + key + "\" is not base64");
        }
    }

    private static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
