package io.qrescue.recovery.cli;

import java.util.Random;

/**
 * Seeded random mapfile texts in the many spellings ddrescue accepts: hex, decimal and octal numbers,
 * comments, CRLF, unaligned and huge blocks, a first block after 0, unmerged neighbours of equal status.
 */
final class RandomMapfiles {

    private static final String STATUSES = "?*/-+";
    private static final String RUN_STATUSES = "?*/-FG+";

    private final Random random;

    RandomMapfiles(long seed) {
        this.random = new Random(seed);
    }

    Random random() {
        return random;
    }

    /** A valid, strictly contiguous mapfile. */
    String strict() {
        return strict(Long.MAX_VALUE);
    }

    /** A valid, strictly contiguous mapfile whose blocks end before {@code maxExtent}. */
    String strict(long maxExtent) {
        StringBuilder text = new StringBuilder();
        boolean crlf = random.nextInt(20) == 0;
        String eol = crlf ? "\r\n" : "\n";
        if (random.nextBoolean()) {
            text.append("# Mapfile. Created by a test").append(eol);
        }
        text.append(number(randomPosition())).append(spaces()).append(RUN_STATUSES.charAt(random.nextInt(7)));
        if (random.nextInt(5) > 0) {
            text.append(spaces()).append(1 + random.nextInt(random.nextInt(10) == 0 ? 100 : 5));
        }
        text.append(eol);
        long pos = random.nextInt(8) == 0 ? Math.min(randomSize(), maxExtent / 4) : 0;
        int blocks = 1 + random.nextInt(random.nextInt(10) == 0 ? 300 : 30);
        char previous = 0;
        for (int i = 0; i < blocks; i++) {
            long size = randomSize();
            if (maxExtent < Long.MAX_VALUE) {
                size = 1 + Math.floorMod(size, Math.max(1, maxExtent / 8));
            }
            if (size > Long.MAX_VALUE - pos) {
                size = Long.MAX_VALUE - pos;
            }
            if (pos + size > maxExtent) {
                break;
            }
            if (size <= 0) {
                break;
            }
            char status = random.nextInt(6) == 0 && previous != 0 ? previous : STATUSES.charAt(random.nextInt(5));
            text.append(number(pos)).append(spaces()).append(number(size)).append(spaces()).append(status);
            if (random.nextInt(15) == 0) {
                text.append("  # note");
            }
            text.append(eol);
            if (random.nextInt(25) == 0) {
                text.append("# a comment line").append(eol);
            }
            previous = status;
            pos += size;
            if (pos >= Long.MAX_VALUE) {
                break;
            }
        }
        return text.toString();
    }

    /** Blocks in random order with gaps and same-status overlaps: only readable in loose mode. */
    String loose() {
        StringBuilder text = new StringBuilder("0 + 1\n");
        int blocks = 1 + random.nextInt(12);
        for (int i = 0; i < blocks; i++) {
            long pos = (long) random.nextInt(64) * (random.nextBoolean() ? 512 : 100);
            long size = 1 + (long) random.nextInt(16) * (random.nextBoolean() ? 512 : 77);
            text.append(number(pos)).append(' ').append(number(size)).append(' ')
                    .append(STATUSES.charAt(random.nextInt(5))).append('\n');
        }
        return text.toString();
    }

    /** A random edit of {@code text}: characters inserted, deleted or replaced, lines duplicated or cut. */
    String mutate(String text) {
        StringBuilder out = new StringBuilder(text);
        int edits = 1 + random.nextInt(4);
        String alphabet = " \t\n\r#0123456789xXabcdefABCDEF+-?*/FG\0zq,.";
        for (int e = 0; e < edits && out.length() > 0; e++) {
            int at = random.nextInt(out.length());
            switch (random.nextInt(6)) {
                case 0 -> out.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                case 1 -> out.deleteCharAt(at);
                case 2 -> out.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                case 3 -> out.setLength(at);
                case 4 -> out.insert(at, "9".repeat(1 + random.nextInt(30)));
                default -> out.insert(at, " ".repeat(random.nextInt(140)));
            }
        }
        return out.toString();
    }

    long randomPosition() {
        return switch (random.nextInt(4)) {
            case 0 -> 0;
            case 1 -> random.nextInt(1 << 20);
            case 2 -> (long) random.nextInt(1 << 16) * 512;
            default -> random.nextLong() & Long.MAX_VALUE;
        };
    }

    long randomSize() {
        return switch (random.nextInt(10)) {
            case 0 -> 1 + random.nextInt(511);
            case 1, 2, 3 -> 512L * (1 + random.nextInt(128));
            case 4, 5 -> 4096L * (1 + random.nextInt(64));
            case 6 -> 1 + random.nextInt(100_000);
            case 7 -> (1L << 20) * (1 + random.nextInt(1 << 10));
            case 8 -> 0x100000L * (1 + random.nextInt(1 << 20));
            default -> random.nextInt(50) == 0 ? Long.MAX_VALUE : 512L * (1 + random.nextInt(1 << 24));
        };
    }

    String number(long value) {
        return switch (random.nextInt(6)) {
            case 0, 1 -> String.format("0x%08X", value);
            case 2 -> "0x" + Long.toHexString(value);
            case 3 -> value == 0 ? "0" : "0" + Long.toOctalString(value);
            default -> Long.toString(value);
        };
    }

    private String spaces() {
        return random.nextInt(10) == 0 ? "\t" : " ".repeat(1 + random.nextInt(random.nextBoolean() ? 2 : 14));
    }
}
