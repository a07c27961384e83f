package io.qrescue.recovery.stack.luks;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/** dm-crypt's IV generators, filling the 16-byte IVs of consecutive sectors at once. Not thread-safe. */
abstract class SectorIvs {

    /** Writes the IVs of {@code count} sectors, numbers {@code first}, {@code first + step}, ..., into {@code out}. */
    abstract void fill(long first, int step, int count, byte[] out);

    static SectorIvs of(String iv, String ivHash, byte[] key) throws UnsupportedLuksException {
        return switch (iv) {
            case "plain" -> new Plain(false, true);
            case "plain64" -> new Plain(false, false);
            case "plain64be" -> new Plain(true, false);
            case "essiv" -> new Essiv(LuksHash.named(ivHash).hash(key));
            default -> throw new UnsupportedLuksException("IV generator " + iv + " is not supported");
        };
    }

    /** The sector number, little endian (32 bits for "plain", truncated as the kernel does) or big endian. */
    private static final class Plain extends SectorIvs {
        private final boolean bigEndian;
        private final boolean thirtyTwoBits;

        Plain(boolean bigEndian, boolean thirtyTwoBits) {
            this.bigEndian = bigEndian;
            this.thirtyTwoBits = thirtyTwoBits;
        }

        @Override
        void fill(long first, int step, int count, byte[] out) {
            java.util.Arrays.fill(out, 0, count * 16, (byte) 0);
            for (int i = 0; i < count; i++) {
                long n = first + (long) i * step;
                if (thirtyTwoBits) {
                    n &= 0xFFFF_FFFFL;
                }
                int at = i * 16;
                if (bigEndian) {
                    Blocks.putLongBe(out, at + 8, n); // the 64-bit number in the IV's last 8 bytes
                } else {
                    Blocks.putLongLe(out, at, n);
                }
            }
        }
    }

    /** ESSIV: the plain64 IV encrypted with AES keyed by the hash of the volume key. */
    private static final class Essiv extends SectorIvs {
        private final Cipher aes;
        private final Plain plain = new Plain(false, false);

        Essiv(byte[] salt) throws UnsupportedLuksException {
            if (salt.length != 16 && salt.length != 24 && salt.length != 32) {
                throw new UnsupportedLuksException("ESSIV hash gives " + salt.length * 8 + " bits, not an AES key");
            }
            try {
                aes = Cipher.getInstance("AES/ECB/NoPadding");
                aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(salt, "AES"));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the JDK has no AES/ECB", e);
            }
        }

        @Override
        void fill(long first, int step, int count, byte[] out) {
            plain.fill(first, step, count, out);
            Blocks.doFinal(aes, out, 0, count * 16, out, 0);
        }
    }
}
