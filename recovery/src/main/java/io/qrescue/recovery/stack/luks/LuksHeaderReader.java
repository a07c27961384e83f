package io.qrescue.recovery.stack.luks;

import io.qrescue.recovery.source.ImageSource;
import io.qrescue.recovery.source.UnreadableBytesException;
import io.qrescue.recovery.stack.finding.Bytes;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the LUKS header at byte 0 of a volume from its good bytes only. LUKS1: the 592-byte phdr (big endian) and
 * its eight key slots. LUKS2: the 4096-byte binary header and its JSON metadata, in two copies (the secondary at the
 * primary's hdr_size, or found at one of the offsets cryptsetup scans when the primary is unreadable); a copy counts
 * when its checksum and JSON are good, and of two good copies the higher seqid wins, the primary on a tie, as
 * cryptsetup chooses. Never throws on bad input: problems go into the {@link LuksProbe}.
 */
public final class LuksHeaderReader {

    static final byte[] MAGIC = {'L', 'U', 'K', 'S', (byte) 0xBA, (byte) 0xBE};
    static final byte[] MAGIC2_SECONDARY = {'S', 'K', 'U', 'L', (byte) 0xBA, (byte) 0xBE};
    /** Bytes of the LUKS1 phdr: fields (208) and eight 48-byte key slots. */
    static final int LUKS1_HEADER_BYTES = 592;
    static final int LUKS1_SLOT_ACTIVE = 0x00AC71F3;
    static final int LUKS1_SLOT_DISABLED = 0x0000DEAD;
    static final int LUKS2_BINARY_BYTES = 4096;
    /** Where cryptsetup looks for a LUKS2 secondary header (the JSON area sizes it allows). */
    static final long[] LUKS2_SECONDARY_OFFSETS = {0x4000, 0x8000, 0x10000, 0x20000, 0x40000, 0x80000, 0x100000,
            0x200000, 0x400000};

    private LuksHeaderReader() {
    }

    /** The LUKS header of {@code volume}, if it has one. */
    public static LuksProbe read(ImageSource volume) {
        byte[] first = good(volume, 0, 8);
        if (first != null && startsWith(first, MAGIC)) {
            int version = (int) (Bytes.u32be(first, 4) & 0xFFFF);
            if (version == 1) {
                return luks1(volume);
            }
            if (version == 2) {
                return Luks2Reader.read(volume);
            }
            return LuksProbe.unreadable("LUKS header version " + version + " is not supported (1 and 2 are)",
                    List.of());
        }
        if (first == null) {
            // the primary is unreadable: a LUKS2 volume still has its secondary header
            LuksProbe second = Luks2Reader.readSecondaryOnly(volume);
            if (second != null) {
                return second;
            }
            return volume.size() < 8 ? LuksProbe.none() : LuksProbe.unknown("volume bytes 0..8 are not good (" + damage(volume)
                    + "): whether a LUKS header is there (the volume encrypted) cannot be told; a LUKS1 header there"
                    + " would be lost with them");
        }
        return LuksProbe.none();
    }

    private static LuksProbe luks1(ImageSource volume) {
        byte[] h;
        try {
            h = volume.readGood(0, LUKS1_HEADER_BYTES);
        } catch (UnreadableBytesException e) {
            return LuksProbe.unreadable("LUKS1 header (volume bytes 0.." + LUKS1_HEADER_BYTES + ") is unreadable: "
                    + e.getMessage() + "; no key slot can be opened without a header backup", List.of());
        } catch (IOException e) {
            return LuksProbe.unreadable("LUKS1 header: " + e.getMessage(), List.of());
        }
        String cipherName = Bytes.cString(h, 8, 32);
        String cipherMode = Bytes.cString(h, 40, 32);
        String hashSpec = Bytes.cString(h, 72, 32);
        long payloadSectors = Bytes.u32be(h, 104);
        long keyBytes = Bytes.u32be(h, 108);
        byte[] mkDigest = Arrays.copyOfRange(h, 112, 132);
        byte[] mkSalt = Arrays.copyOfRange(h, 132, 164);
        long mkIterations = Bytes.u32be(h, 164);
        String uuid = Bytes.cString(h, 168, 40);
        if (keyBytes < 1 || keyBytes > 512) {
            return LuksProbe.unreadable("LUKS1 header: key size " + keyBytes + " bytes is not plausible", List.of());
        }
        String cipherProblem = null;
        try {
            CipherSpec.of(cipherName, cipherMode);
            LuksHash.named(hashSpec);
        } catch (UnsupportedLuksException e) {
            cipherProblem = e.getMessage();
        }
        String cipher = cipherName + "-" + cipherMode;
        List<LuksKeySlot> slots = new ArrayList<>();
        List<HeaderArea> areas = new ArrayList<>();
        areas.add(new HeaderArea("LUKS1 header", 0, LUKS1_HEADER_BYTES, -1));
        for (int i = 0; i < 8; i++) {
            int at = 208 + i * 48;
            long state = Bytes.u32be(h, at);
            long iterations = Bytes.u32be(h, at + 4);
            byte[] salt = Arrays.copyOfRange(h, at + 8, at + 40);
            long materialSector = Bytes.u32be(h, at + 40);
            long stripes = Bytes.u32be(h, at + 44);
            boolean active = state == LUKS1_SLOT_ACTIVE;
            String problem = cipherProblem;
            if (state != LUKS1_SLOT_ACTIVE && state != LUKS1_SLOT_DISABLED) {
                problem = String.format("state 0x%08X is neither active nor disabled", state);
            } else if (active && (stripes < 1 || stripes > 65536 || iterations < 1)) {
                problem = "stripes " + stripes + " or iterations " + iterations + " not plausible";
            }
            long length = roundUp(keyBytes * Math.max(1, Math.min(stripes, 65536)), 512);
            slots.add(new LuksKeySlot(i, active, new Kdf.Pbkdf2(hashSpec, iterations, salt), materialSector * 512,
                    length, (int) Math.min(stripes, 65536), hashSpec, cipher, (int) keyBytes, 1, problem));
            if (active) {
                areas.add(new HeaderArea("key slot " + i + " key material", materialSector * 512, length, i));
            }
        }
        LuksDigest digest = new LuksDigest(hashSpec, mkIterations, mkSalt, mkDigest);
        LuksHeader header = new LuksHeader(1, uuid, "", cipher, hashSpec, (int) keyBytes, payloadSectors * 512, -1, 512,
                0, digest, slots, areas, cipherProblem);
        return new LuksProbe(true, header, null, List.of());
    }

    /** The bytes, or null when any of them is not good or the volume ends first. */
    static byte[] good(ImageSource volume, long offset, int length) {
        return Bytes.readOrNull(volume, offset, length);
    }

    /** Why the volume's first bytes are not good: the damage's own cause. */
    private static String damage(ImageSource volume) {
        return volume.damageIn(0, 8).stream().findFirst().map(d -> d.kind().name().toLowerCase(
                java.util.Locale.ROOT) + (d.cause() == null ? "" : ": " + d.cause())).orElse("unreadable");
    }

    static boolean startsWith(byte[] b, byte[] magic) {
        return b.length >= magic.length && MessageDigest.isEqual(Arrays.copyOf(b, magic.length), magic);
    }

    static long roundUp(long n, long unit) {
        return (n + unit - 1) / unit * unit;
    }
}
