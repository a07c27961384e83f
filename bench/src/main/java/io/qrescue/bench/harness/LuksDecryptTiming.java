package io.qrescue.bench.harness;

import io.qrescue.recovery.stack.luks.CipherSpec;
import io.qrescue.recovery.stack.luks.SectorCipher;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Decryption throughput per core as CPU time of the decrypting thread (so a loaded machine slows it less than wall
 * time; comparable with {@code openssl speed}, which divides by CPU user time too): the LUKS sector ciphers over
 * 64 MiB per round next to the JDK's AES-256-CBC over the same bytes as one chain. Prints MB (10^6 bytes) per CPU
 * second per round and the median of the rounds after the first (JIT warm-up).
 */
public final class LuksDecryptTiming {

    private static final int BUFFER = 1 << 20;
    private static final int MIB_PER_ROUND = 64;

    private LuksDecryptTiming() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        byte[] in = new byte[BUFFER];
        byte[] out = new byte[BUFFER];
        new Random(17).nextBytes(in);
        System.out.println("what\tmedian_MB_per_cpu_s\tper_round");
        for (String spec : List.of("aes-cbc-plain", "aes-cbc-essiv:sha256", "aes-xts-plain64", "jdk-aes-256-cbc")) {
            byte[] key = new byte[spec.contains("xts") ? 64 : 32];
            new Random(3).nextBytes(key);
            SectorCipher sectors = spec.startsWith("jdk") ? null : CipherSpec.parse(spec).newCipher(key, 512);
            Cipher jdk = Cipher.getInstance("AES/CBC/NoPadding");
            SecretKeySpec jdkKey = new SecretKeySpec(key, 0, 32, "AES");
            List<Double> rates = new ArrayList<>();
            long iv = 0;
            for (int round = 0; round < rounds; round++) {
                long c0 = mx.getCurrentThreadCpuTime();
                for (int m = 0; m < MIB_PER_ROUND; m++) {
                    if (sectors != null) {
                        sectors.decrypt(in, 0, out, 0, BUFFER, iv);
                        iv += BUFFER / 512;
                    } else {
                        jdk.init(Cipher.DECRYPT_MODE, jdkKey, new IvParameterSpec(new byte[16]));
                        jdk.doFinal(in, 0, BUFFER, out, 0);
                    }
                }
                long cpu = mx.getCurrentThreadCpuTime() - c0;
                rates.add((double) MIB_PER_ROUND * BUFFER / 1e6 / (cpu / 1e9));
            }
            List<Double> measured = new ArrayList<>(rates.subList(1, rates.size()));
            Collections.sort(measured);
            double median = measured.get(measured.size() / 2);
            StringBuilder each = new StringBuilder();
            for (double r : rates) {
                each.append(each.length() == 0 ? "" : " ").append(Math.round(r));
            }
            System.out.printf("%s\t%.0f\t%s%n", spec, median, each);
        }
    }
}
