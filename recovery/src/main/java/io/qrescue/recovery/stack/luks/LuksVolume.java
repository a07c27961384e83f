package io.qrescue.recovery.stack.luks;

import io.qrescue.recovery.source.ImageSource;
import java.io.IOException;
import java.util.List;

/** Opening a volume that may be LUKS-encrypted: its header read from good bytes, then a key slot unlocked. */
public final class LuksVolume {

    private LuksVolume() {
    }

    /**
     * The decrypted payload of {@code volume} (named {@code name} in messages), opened with the first of
     * {@code passphrases} that opens a key slot.
     *
     * @throws LuksUnlockException when the header cannot be read ("LUKS header unreadable: ...") or no key slot
     *     opens ("no key slot opened ...")
     * @throws UnsupportedLuksException when the cipher is not one qrescue decrypts
     */
    public static LuksUnlocker.Opened open(String name, ImageSource volume, LuksProbe probe, List<Passphrase> passphrases)
            throws LuksUnlockException, UnsupportedLuksException, IOException {
        if (probe.header() == null) {
            throw new LuksUnlockException(probe.problem());
        }
        return LuksUnlocker.unlock(name, volume, probe.header(), passphrases);
    }

    /** One line describing the key slots: "0 (pbkdf2 sha1, 1000 iterations), 1 (...)". */
    public static String slots(LuksHeader header) {
        StringBuilder b = new StringBuilder();
        for (LuksKeySlot s : header.activeSlots()) {
            if (b.length() > 0) {
                b.append(", ");
            }
            b.append(s.index()).append(" (").append(s.kdf().describe()).append(s.problem() == null ? ""
                    : "; " + s.problem()).append(')');
        }
        return b.length() == 0 ? "none active" : b.toString();
    }
}
