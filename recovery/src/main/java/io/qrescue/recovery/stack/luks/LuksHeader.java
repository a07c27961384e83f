package io.qrescue.recovery.stack.luks;

import java.util.List;

/**
 * A LUKS header as read from a volume: {@code version} 1 or 2, the data {@code cipher} (as the header names it, e.g.
 * "aes-cbc-plain"; null-free), the master key size, where the encrypted payload starts in the volume and how long it
 * is ({@code payloadLengthBytes} -1: to the volume's end), its encryption sector size and IV tweak (LUKS2; 512 and 0
 * for LUKS1), the master-key digest, every key slot, and every metadata area (header copies, key material).
 * {@code cipherProblem} says why the payload cannot be decrypted as read (null when it can).
 */
public record LuksHeader(int version, String uuid, String label, String cipher, String hashSpec, int keyBytes,
        long payloadOffsetBytes, long payloadLengthBytes, int sectorBytes, long ivTweak, LuksDigest digest,
        List<LuksKeySlot> keySlots, List<HeaderArea> areas, String cipherProblem) {

    public LuksHeader {
        keySlots = List.copyOf(keySlots);
        areas = List.copyOf(areas);
    }

    /** The key slots that hold a key. */
    public List<LuksKeySlot> activeSlots() {
        return keySlots.stream().filter(LuksKeySlot::active).toList();
    }

    /** The payload's size in a volume of {@code volumeBytes}: whole encryption sectors only. */
    public long payloadBytes(long volumeBytes) {
        long available = Math.max(0, volumeBytes - payloadOffsetBytes);
        long length = payloadLengthBytes < 0 ? available : Math.min(payloadLengthBytes, available);
        return length / sectorBytes * sectorBytes;
    }

    /** One line for people: "LUKS1 aes-cbc-plain, 256-bit key, pbkdf2 sha1, 2 of 8 key slots active". */
    public String summary() {
        return "LUKS" + version + " " + cipher + ", " + keyBytes * 8 + "-bit key"
                + (sectorBytes != 512 ? ", " + sectorBytes + "-byte sectors" : "") + ", payload at byte "
                + payloadOffsetBytes + ", " + activeSlots().size() + " of " + keySlots.size() + " key slots active";
    }
}
