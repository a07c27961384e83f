package io.qrescue.bench.jmh;

import io.qrescue.recovery.stack.luks.CipherSpec;
import io.qrescue.recovery.stack.luks.SectorCipher;
import io.qrescue.recovery.stack.luks.UnsupportedLuksException;
import java.security.GeneralSecurityException;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decryption throughput of one core, 1 MiB of ciphertext per operation (ops/s = MiB/s): the LUKS sector ciphers
 * ({@link SectorCipher}, a new IV every sector as dm-crypt computes it) for the modes QNAP and cryptsetup use, next
 * to the JDK's AES-CBC over the same MiB with one IV (no per-sector work: the limit of the intrinsics).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
public class LuksDecryptBenchmark {

    static final int MIB = 1 << 20;

    @Param({"aes-cbc-plain", "aes-cbc-essiv:sha256", "aes-xts-plain64"})
    String cipher;

    @Param("512")
    int sectorBytes;

    private SectorCipher sectors;
    private Cipher jdkCbc;
    private SecretKeySpec jdkKey;
    private final byte[] in = new byte[MIB];
    private final byte[] out = new byte[MIB];
    private long ivSector;

    @Setup
    public void setUp() throws UnsupportedLuksException, GeneralSecurityException {
        Random random = new Random(17);
        random.nextBytes(in);
        byte[] key = new byte[cipher.contains("xts") ? 64 : 32];
        random.nextBytes(key);
        sectors = CipherSpec.parse(cipher).newCipher(key, sectorBytes);
        jdkKey = new SecretKeySpec(key, 0, 32, "AES");
        jdkCbc = Cipher.getInstance("AES/CBC/NoPadding");
    }

    /** The LUKS sector cipher over 1 MiB, each call at the next MiB of the volume (other IVs). */
    @Benchmark
    public byte[] sectorCipher() {
        sectors.decrypt(in, 0, out, 0, MIB, ivSector);
        ivSector += MIB / 512;
        return out;
    }

    /** The JDK's AES-256-CBC over the same 1 MiB as one chain: what the AES intrinsics give without sectors. */
    @Benchmark
    public byte[] jdkCbcOneChain() throws GeneralSecurityException {
        jdkCbc.init(Cipher.DECRYPT_MODE, jdkKey, new IvParameterSpec(new byte[16]));
        jdkCbc.doFinal(in, 0, MIB, out, 0);
        return out;
    }
}
