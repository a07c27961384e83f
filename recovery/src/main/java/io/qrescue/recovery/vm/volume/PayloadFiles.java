package io.qrescue.recovery.vm.volume;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * The files written into a test volume, made from a seed so their sha256 are known before the VM runs: text,
 * a compressible 1 MiB pattern, seeded random bytes of odd sizes, an empty file, names with spaces and umlauts,
 * nested directories. Keys are paths relative to the volume ("lv1/hello.txt").
 */
public final class PayloadFiles {
    /** Written into lv1 after the snapshot was taken, so the snapshot must not contain it. */
    public static final String AFTER_SNAPSHOT = "lv1/after-snapshot.txt";

    private PayloadFiles() {
    }

    /** The files of lv1 and lv2 for {@code seed}, by relative path, in path order. */
    public static Map<String, byte[]> forSeed(long seed) {
        Random random = new Random(seed);
        Map<String, byte[]> files = new TreeMap<>();
        files.put("lv1/hello.txt", text("Hello from a QNAP-like thin volume (seed " + seed + ")\n"));
        StringBuilder pattern = new StringBuilder();
        for (int line = 0; pattern.length() < (1 << 20); line++) {
            pattern.append(String.format("QNAP recovery test line %07d 0123456789 abcdefghijklmnopqrstuvwxyz%n", line));
        }
        files.put("lv1/pattern-1MiB.txt", text(pattern.substring(0, 1 << 20)));
        files.put("lv1/random-196613.bin", bytes(random, 196613));
        files.put("lv1/sub dir/name with spaces.txt", text("spaces in the name\n"));
        files.put("lv1/Umlaute-\u00e4\u00f6\u00fc.txt", text("Umlaute: \u00e4\u00f6\u00fc\u00df\n"));
        files.put("lv1/docs/nested/deep/readme.md", text("# nested\nthree levels down\n"));
        files.put("lv1/empty.txt", new byte[0]);
        files.put("lv2/readme.txt", text("second data volume lv2\n"));
        files.put("lv2/random-65537.bin", bytes(random, 65537));
        files.put("lv2/photos/2026/img-0001.raw", bytes(random, 4096));
        return files;
    }

    /** The content of {@link #AFTER_SNAPSHOT}. */
    public static byte[] afterSnapshot() {
        return text("written after the snapshot\n");
    }

    /** sha256sum-style lines ("HEX  path") for the given files, in path order. */
    public static String sha256List(Map<String, byte[]> files) {
        StringBuilder list = new StringBuilder();
        new TreeMap<>(files).forEach((path, content) -> list.append(sha256(content)).append("  ").append(path)
                .append('\n'));
        return list.toString();
    }

    /** The sha256 of {@code content} as 64 hex digits. */
    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(Random random, int size) {
        byte[] b = new byte[size];
        random.nextBytes(b);
        return b;
    }
}
