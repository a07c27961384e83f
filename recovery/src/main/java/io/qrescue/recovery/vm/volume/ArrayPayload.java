package io.qrescue.recovery.vm.volume;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * The content of a test array's volumes, from a seed (test data): every 4 KiB block starts with its own header and
 * 64 seeded random bytes, then repeats a line of text; so each block is distinct (a misplaced block shows) while
 * the members still compress to a few percent.
 */
public final class ArrayPayload {

    private static final int BLOCK = 4096;
    private static final int RANDOM_BYTES = 64;

    private ArrayPayload() {
    }

    /** {@code sizeBytes} (a multiple of 4 KiB) bytes of volume {@code name} for {@code seed}. */
    public static byte[] of(String name, long seed, int sizeBytes) {
        byte[] out = new byte[sizeBytes];
        byte[] line = ("qrescue md test array volume " + name + " seed " + seed + " | ")
                .getBytes(StandardCharsets.US_ASCII);
        SplittableRandom random = new SplittableRandom(seed * 31 + name.hashCode());
        for (int block = 0; block < sizeBytes / BLOCK; block++) {
            int at = block * BLOCK;
            byte[] header = String.format("%s block %07d of seed %d\n", name, block, seed)
                    .getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(header, 0, out, at, header.length);
            int pos = at + 64;
            for (int i = 0; i < RANDOM_BYTES; i++) {
                out[pos + i] = (byte) random.nextInt(256);
            }
            for (int i = pos + RANDOM_BYTES; i < at + BLOCK; i++) {
                out[i] = line[(i - pos) % line.length];
            }
        }
        return out;
    }

    /** lv1 as written, then (with a stale member) its rewritten range replaced by {@code rewrite}. */
    public static byte[] finalLv1(long seed, boolean rewritten) {
        byte[] lv1 = of("lv1", seed, ArrayVariant.LV1_KIB << 10);
        if (rewritten) {
            byte[] again = rewrite(seed);
            System.arraycopy(again, 0, lv1, ArrayVariant.STALE_REWRITE_OFFSET, again.length);
        }
        return lv1;
    }

    /** What is written over part of lv1 once a member has gone stale. */
    public static byte[] rewrite(long seed) {
        return of("lv1-after-stale", seed, ArrayVariant.STALE_REWRITE_BYTES);
    }
}
