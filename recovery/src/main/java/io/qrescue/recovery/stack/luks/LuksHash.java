package io.qrescue.recovery.stack.luks;

import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.RIPEMD160Digest;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA224Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA3Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.digests.WhirlpoolDigest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * A hash named as LUKS headers name it ("sha1", "sha256", "ripemd160", ...): its plain digest (AF diffusion,
 * ESSIV) and its HMAC (PBKDF2). The SHA-1/SHA-2 HMACs come from the JDK, whose SHA intrinsics make PBKDF2 several
 * times faster; the rest from Bouncy Castle.
 */
final class LuksHash {

    /** LUKS name → JDK HMAC name, for the hashes the JDK has. */
    private static final Map<String, String> JDK_HMACS = Map.of("sha1", "HmacSHA1", "sha224", "HmacSHA224",
            "sha256", "HmacSHA256", "sha384", "HmacSHA384", "sha512", "HmacSHA512");

    /** A keyed PRF: HMAC with the hash. Not thread-safe. */
    interface Prf {
        int length();

        void update(byte[] data, int off, int len);

        /** The MAC of what was updated so far into {@code out} at {@code off}; the PRF is then ready for the next. */
        void doFinal(byte[] out, int off);
    }

    private final String name;

    private LuksHash(String name) {
        this.name = name;
    }

    /** The hash called {@code spec} in a LUKS header, or an {@link UnsupportedLuksException} naming it. */
    static LuksHash named(String spec) throws UnsupportedLuksException {
        String n = spec.toLowerCase(Locale.ROOT);
        LuksHash h = new LuksHash(n);
        h.digest(); // fails for a name we do not know
        return h;
    }

    /** The hash's name as the header gives it (lower case). */
    String name() {
        return name;
    }

    /** A fresh digest (Bouncy Castle's interface: small inputs only, so speed does not matter here). */
    Digest digest() throws UnsupportedLuksException {
        return switch (name) {
            case "sha1" -> new SHA1Digest();
            case "sha224" -> new SHA224Digest();
            case "sha256" -> new SHA256Digest();
            case "sha384" -> new SHA384Digest();
            case "sha512" -> new SHA512Digest();
            case "ripemd160" -> new RIPEMD160Digest();
            case "whirlpool" -> new WhirlpoolDigest();
            case "sha3-256" -> new SHA3Digest(256);
            case "sha3-512" -> new SHA3Digest(512);
            default -> throw new UnsupportedLuksException("hash " + name + " is not supported (sha1, sha224, sha256,"
                    + " sha384, sha512, ripemd160, whirlpool, sha3-256, sha3-512 are)");
        };
    }

    /** {@code data}'s digest. */
    byte[] hash(byte[] data) throws UnsupportedLuksException {
        Digest d = digest();
        d.update(data, 0, data.length);
        byte[] out = new byte[d.getDigestSize()];
        d.doFinal(out, 0);
        return out;
    }

    /** HMAC keyed with {@code key}. */
    Prf hmac(byte[] key) throws UnsupportedLuksException {
        String jdk = JDK_HMACS.get(name);
        // an empty passphrase is a valid LUKS key, but SecretKeySpec refuses empty keys
        if (jdk != null && key.length > 0) {
            try {
                Mac mac = Mac.getInstance(jdk);
                mac.init(new SecretKeySpec(key, jdk));
                return new Prf() {
                    @Override
                    public int length() {
                        return mac.getMacLength();
                    }

                    @Override
                    public void update(byte[] data, int off, int len) {
                        mac.update(data, off, len);
                    }

                    @Override
                    public void doFinal(byte[] out, int off) {
                        try {
                            mac.doFinal(out, off);
                        } catch (javax.crypto.ShortBufferException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                };
            } catch (NoSuchAlgorithmException | java.security.InvalidKeyException e) {
                return bcHmac(key);
            }
        }
        return bcHmac(key);
    }

    private Prf bcHmac(byte[] key) throws UnsupportedLuksException {
        HMac mac = new HMac(digest());
        mac.init(new KeyParameter(key));
        return new Prf() {
            @Override
            public int length() {
                return mac.getMacSize();
            }

            @Override
            public void update(byte[] data, int off, int len) {
                mac.update(data, off, len);
            }

            @Override
            public void doFinal(byte[] out, int off) {
                mac.doFinal(out, off);
            }
        };
    }
}
