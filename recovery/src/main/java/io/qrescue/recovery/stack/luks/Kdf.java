package io.qrescue.recovery.stack.luks;

import java.util.Arrays;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/** How a key slot turns a passphrase into the key of its key material: PBKDF2 or argon2 with the slot's salt. */
public sealed interface Kdf permits Kdf.Pbkdf2, Kdf.Argon2 {

    /** {@code length} bytes derived from {@code passphrase}. */
    byte[] derive(byte[] passphrase, int length) throws UnsupportedLuksException;

    /** One line for people, e.g. "pbkdf2 sha1, 125000 iterations". */
    String describe();

    /** PBKDF2 (RFC 8018) with HMAC-{@code hash}. */
    record Pbkdf2(String hash, long iterations, byte[] salt) implements Kdf {

        public Pbkdf2 {
            salt = salt.clone();
        }

        @Override
        public byte[] derive(byte[] passphrase, int length) throws UnsupportedLuksException {
            return pbkdf2(LuksHash.named(hash), passphrase, salt, iterations, length);
        }

        @Override
        public String describe() {
            return "pbkdf2 " + hash + ", " + iterations + " iterations";
        }
    }

    /** Argon2 (RFC 9106, version 0x13): {@code variant} "argon2i" or "argon2id", memory in KiB. */
    record Argon2(String variant, int time, int memoryKiB, int cpus, byte[] salt) implements Kdf {

        public Argon2 {
            salt = salt.clone();
        }

        @Override
        public byte[] derive(byte[] passphrase, int length) throws UnsupportedLuksException {
            int type = switch (variant) {
                case "argon2i" -> Argon2Parameters.ARGON2_i;
                case "argon2id" -> Argon2Parameters.ARGON2_id;
                default -> throw new UnsupportedLuksException("key derivation " + variant + " is not supported");
            };
            Argon2Parameters params = new Argon2Parameters.Builder(type).withVersion(Argon2Parameters.ARGON2_VERSION_13)
                    .withIterations(time).withMemoryAsKB(memoryKiB).withParallelism(cpus).withSalt(salt).build();
            Argon2BytesGenerator generator = new Argon2BytesGenerator();
            generator.init(params);
            byte[] out = new byte[length];
            generator.generateBytes(passphrase, out);
            return out;
        }

        @Override
        public String describe() {
            return variant + ", time " + time + ", memory " + memoryKiB + " KiB, " + cpus + " threads";
        }
    }

    /** PBKDF2 over {@code hash}'s HMAC. */
    static byte[] pbkdf2(LuksHash hash, byte[] password, byte[] salt, long iterations, int length)
            throws UnsupportedLuksException {
        LuksHash.Prf prf = hash.hmac(password);
        int h = prf.length();
        byte[] out = new byte[length];
        byte[] u = new byte[h];
        byte[] t = new byte[h];
        byte[] index = new byte[4];
        for (int block = 1, done = 0; done < length; block++, done += h) {
            index[0] = (byte) (block >>> 24);
            index[1] = (byte) (block >>> 16);
            index[2] = (byte) (block >>> 8);
            index[3] = (byte) block;
            prf.update(salt, 0, salt.length);
            prf.update(index, 0, 4);
            prf.doFinal(u, 0);
            System.arraycopy(u, 0, t, 0, h);
            for (long i = 1; i < iterations; i++) {
                prf.update(u, 0, h);
                prf.doFinal(u, 0);
                for (int k = 0; k < h; k++) {
                    t[k] ^= u[k];
                }
            }
            System.arraycopy(t, 0, out, done, Math.min(h, length - done));
        }
        Arrays.fill(u, (byte) 0);
        Arrays.fill(t, (byte) 0);
        return out;
    }
}
