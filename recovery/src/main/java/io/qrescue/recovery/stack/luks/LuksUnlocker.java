package io.qrescue.recovery.stack.luks;

import io.qrescue.recovery.source.Damage;
import io.qrescue.recovery.source.ImageSource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Opens a LUKS volume: for each passphrase in order, each usable key slot in cryptsetup's order (LUKS1 by number,
 * LUKS2 preferred slots first and priority-0 slots never), derive the slot key, decrypt the slot's key material
 * (sector IVs from 0), AF-merge it and check the result against the master-key digest. A slot whose key material
 * lies on bytes that are not good is skipped and named: one bad bit there changes the whole key.
 */
public final class LuksUnlocker {

    /** The opened volume: the decrypted payload, the key slot that opened, the rule that made its passphrase. */
    public record Opened(LuksSource source, int keySlot, String rule, List<String> notes) {

        public Opened {
            notes = List.copyOf(notes);
        }
    }

    private LuksUnlocker() {
    }

    /**
     * Opens {@code volume} (whose LUKS header is {@code header}) with the first of {@code passphrases} that opens a
     * slot; the decrypted source is named {@code name} in messages.
     *
     * @throws UnsupportedLuksException when the payload's cipher is not one qrescue decrypts
     * @throws LuksUnlockException when no key slot opens ("no key slot opened", with what was tried and skipped)
     */
    public static Opened unlock(String name, ImageSource volume, LuksHeader header, List<Passphrase> passphrases)
            throws UnsupportedLuksException, LuksUnlockException, IOException {
        if (header.cipherProblem() != null) {
            throw new UnsupportedLuksException(header.cipherProblem());
        }
        List<String> notes = new ArrayList<>();
        List<LuksKeySlot> usable = new ArrayList<>();
        for (LuksKeySlot slot : order(header)) {
            String why = unusable(volume, header, slot);
            if (why != null) {
                notes.add("key slot " + slot.index() + " skipped: " + why);
            } else {
                usable.add(slot);
            }
        }
        if (usable.isEmpty()) {
            throw new LuksUnlockException("no key slot opened: " + (notes.isEmpty() ? "no active key slot"
                    : String.join("; ", notes)));
        }
        for (Passphrase p : passphrases) {
            for (LuksKeySlot slot : usable) {
                byte[] key = tryOpen(volume, header, slot, p);
                if (key != null) {
                    try {
                        if (!notes.isEmpty()) {
                            notes.add("opened with key slot " + slot.index() + " instead");
                        }
                        return new Opened(new LuksSource(name, volume, header, key), slot.index(), p.rule(), notes);
                    } finally {
                        Arrays.fill(key, (byte) 0);
                    }
                }
            }
        }
        StringBuilder why = new StringBuilder("no key slot opened (").append(passphrases.size())
                .append(passphrases.size() == 1 ? " passphrase" : " passphrases").append(" tried on key slot")
                .append(usable.size() == 1 ? " " : "s ")
                .append(String.join(", ", usable.stream().map(s -> String.valueOf(s.index())).toList())).append(')');
        notes.forEach(n -> why.append("; ").append(n));
        throw new LuksUnlockException(why.toString());
    }

    /** cryptsetup's order: LUKS1 by number; LUKS2 high priority first, then normal, never priority 0. */
    static List<LuksKeySlot> order(LuksHeader header) {
        return header.activeSlots().stream().filter(s -> header.version() == 1 || s.priority() > 0)
                .sorted(Comparator.comparingInt((LuksKeySlot s) -> header.version() == 1 ? 0 : -s.priority())
                        .thenComparingInt(LuksKeySlot::index)).toList();
    }

    /** Why {@code slot} cannot be tried, or null. */
    static String unusable(ImageSource volume, LuksHeader header, LuksKeySlot slot) {
        if (slot.problem() != null) {
            return slot.problem();
        }
        long length = LuksHeaderReader.roundUp(slot.materialBytes(header.keyBytes()), 512);
        if (slot.areaOffsetBytes() + length > volume.size() || length > slot.areaLengthBytes()) {
            return "its key material (volume bytes " + slot.areaOffsetBytes() + ".." + (slot.areaOffsetBytes() + length)
                    + ") lies outside its area or the volume";
        }
        List<Damage> bad = volume.damageIn(slot.areaOffsetBytes(), length);
        if (!bad.isEmpty()) {
            Damage d = bad.get(0);
            return "its key material (volume bytes " + slot.areaOffsetBytes() + ".." + (slot.areaOffsetBytes() + length)
                    + ") lies on " + d.kind().label() + " bytes (" + d.cause() + (d.origin() == null ? ""
                    : ", " + d.origin().image() + " at byte " + d.origin().offset()) + ")";
        }
        return null;
    }

    /** The master key if {@code passphrase} opens {@code slot}, else null. */
    private static byte[] tryOpen(ImageSource volume, LuksHeader header, LuksKeySlot slot, Passphrase passphrase)
            throws UnsupportedLuksException, IOException {
        byte[] secret = passphrase.bytes();
        byte[] slotKey = null;
        byte[] material = null;
        try {
            slotKey = slot.kdf().derive(secret, slot.areaKeyBytes());
            int length = (int) LuksHeaderReader.roundUp(slot.materialBytes(header.keyBytes()), 512);
            byte[] encrypted = volume.readGood(slot.areaOffsetBytes(), length);
            material = new byte[length];
            CipherSpec.parse(slot.areaCipher()).newCipher(slotKey, 512).decrypt(encrypted, 0, material, 0, length, 0);
            byte[] key = AfMerge.merge(material, header.keyBytes(), slot.stripes(), LuksHash.named(slot.afHash()));
            if (header.digest().matches(key)) {
                return key;
            }
            Arrays.fill(key, (byte) 0);
            return null;
        } finally {
            Arrays.fill(secret, (byte) 0);
            if (slotKey != null) {
                Arrays.fill(slotKey, (byte) 0);
            }
            if (material != null) {
                Arrays.fill(material, (byte) 0);
            }
        }
    }
}
