package io.qrescue.mapfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The reader's copy-free path for ddrescue-style block lines reads exactly what its general, glibc-sscanf-like
 * path reads: the same text is parsed whole from memory (where the fast path takes every line it can) and
 * from a stream that hands over one byte at a time (where no line is ever whole in the buffer, so only the
 * general path runs). Lines mix ddrescue's layout with every oddity the general path knows.
 */
class MapfileReaderFastPathTest {

    private static final String STATUSES = "?*/-+";

    @Test
    void shouldReadTheSameMapOrErrorWithAndWithoutTheFastPath() throws IOException {
        for (int seed = 0; seed < 400; seed++) {
            Random random = new Random(seed);
            byte[] text = randomMapfile(random);
            String fromMemory = outcome(() -> MapfileReader.parse(text, "m", null));
            String fromTrickle = outcome(() -> MapfileReader.read(new OneByteAtATime(text), "m", null));
            assertThat(fromMemory).as("seed %d:\n%s", seed, new String(text, StandardCharsets.ISO_8859_1))
                    .isEqualTo(fromTrickle);
        }
    }

    @Test
    void shouldReadALongMapWhoseLinesCrossTheBufferEnds() throws MapfileException {
        StringBuilder text = new StringBuilder("0x0 + 1\n");
        long pos = 0;
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            long size = 1 + random.nextInt(1 << 20);
            text.append(String.format("0x%08X  0x%08X  %c%n", pos, size, STATUSES.charAt(i % 5)));
            pos += size;
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.ISO_8859_1);
        Mapfile fromStream = MapfileReader.read(new ByteArrayInputStream(bytes), "m", null);
        Mapfile fromMemory = MapfileReader.parse(bytes, "m", null);
        assertThat(fromStream.blocks().blockCount()).isEqualTo(20_000);
        assertThat(fromStream.blocks()).isEqualTo(fromMemory.blocks());
        assertThat(fromStream.blocks().extent().end()).isEqualTo(pos);
    }

    @Test
    void shouldReadALooseMapInOrderAsDdrescuesInsertionReadsItShuffled() {
        for (int seed = 0; seed < 300; seed++) {
            Random random = new Random(seed);
            BlockStatus fill = BlockStatus.values()[random.nextInt(5)];
            List<String> lines = new ArrayList<>();
            long pos = random.nextInt(3) == 0 ? 0 : random.nextInt(0x1000);
            int count = random.nextInt(4) == 0 ? 1 : 2 + random.nextInt(20);
            for (int i = 0; i < count; i++) {
                long size = random.nextInt(10) == 0 && pos == 0 ? 0 : 1 + random.nextInt(0x1000);
                lines.add(String.format("0x%X 0x%X %c%n", pos, size, STATUSES.charAt(random.nextInt(5))));
                pos += size;
            }
            String inOrder = "0 ?\n" + String.join("", lines);
            List<String> shuffled = new ArrayList<>(lines);
            Collections.rotate(shuffled, 1); // the last block first: every later one is inserted before it
            String outOfOrder = "0 ?\n" + String.join("", shuffled);
            String a = outcome(() -> MapfileReader.parse(inOrder.getBytes(StandardCharsets.ISO_8859_1), "m", fill));
            String b = outcome(() -> MapfileReader.parse(outOfOrder.getBytes(StandardCharsets.ISO_8859_1), "m", fill));
            assertThat(a).as("seed %d fill %s:\n%s", seed, fill, inOrder).isEqualTo(b);
        }
    }

    private interface Read {
        Mapfile run() throws MapfileException;
    }

    /** The map as text, or the error's message and exit code. */
    private static String outcome(Read read) {
        try {
            Mapfile m = read.run();
            return m + " " + m.blocks().toList();
        } catch (MapfileException e) {
            return "error " + e.exitCode() + ": " + e.getMessage();
        }
    }

    private static byte[] randomMapfile(Random random) {
        StringBuilder text = new StringBuilder();
        if (random.nextBoolean()) {
            text.append("# Mapfile. Created by GNU ddrescue version 1.27\n# current_pos  current_status  current_pass\n");
        }
        text.append("0x1000     ?               1\n");
        long pos = random.nextInt(4) == 0 ? 0x200 : 0;
        int lines = 1 + random.nextInt(30);
        for (int i = 0; i < lines; i++) {
            long size = 1 + random.nextInt(0x10000);
            char status = STATUSES.charAt(random.nextInt(5));
            text.append(line(random, pos, size, status));
            pos += random.nextInt(20) == 0 ? size + 1 : size; // now and then a gap
        }
        return text.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A block line, mostly as ddrescue writes it, else with one of the oddities the reader must handle alike. */
    private static String line(Random random, long pos, long size, char status) {
        String ddrescue = String.format("0x%08X  0x%08X  %c", pos, size, status);
        return switch (random.nextInt(24)) {
            case 0 -> String.format("%d %d %c\n", pos, size, status);                // decimal
            case 1 -> String.format("0%o 0x%x %c\n", pos, size, status);             // octal, lower-case hex
            case 2 -> String.format("0X%X\t0X%X\t%c\n", pos, size, status);          // tabs, upper-case X
            case 3 -> String.format("0x%X 0x%X%c\n", pos, size, status);             // status glued to the size
            case 4 -> String.format("0x%X0x%X %c\n", pos, size, status);             // numbers glued together
            case 5 -> ddrescue + "  # a comment\n";
            case 6 -> ddrescue + "#glued, not a comment\n";
            case 7 -> "  " + ddrescue + "\n";                                          // leading blanks
            case 8 -> ddrescue + "\n\n# comment line\n\n";
            case 9 -> ddrescue + " " + "x".repeat(random.nextInt(200)) + "\n";         // long tail, cut at 127
            case 10 -> String.format("0x%0" + (100 + random.nextInt(40)) + "X 0x%X %c\n", pos, size, status); // past 127
            case 11 -> String.format("0x%X 0x%X\r%c\n", pos, size, status);          // CR is white space
            case 12 -> String.format("0x%X 0x%X \0%c\n", pos, size, status);         // NUL ends a C string
            case 13 -> String.format("0x%X 0x%X %c", pos, size, status);             // no final newline
            case 14 -> String.format("0x%X 0xFFFFFFFFFFFFFFFFFF %c\n", pos, status); // saturating size
            case 15 -> String.format("0x%X 0x0 %c\n", pos, status);                  // zero size
            case 16 -> String.format("0x%X 0x %c\n", pos, status);                   // "0x" without digits
            case 17 -> String.format("0x%X 0x%X x\n", pos, size);                    // bad status
            case 18 -> String.format("+0x%X -0x%X %c\n", pos, size, status);         // signs
            case 19 -> String.format("0x%X # 0x%X %c\n", pos, size, status);         // comment cuts the line
            default -> ddrescue + "\n";
        };
    }

    /** A stream that returns at most one byte per read, so no line is ever whole in the reader's buffer. */
    private static final class OneByteAtATime extends InputStream {
        private final byte[] bytes;
        private int index;

        OneByteAtATime(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public int read() {
            return index < bytes.length ? bytes[index++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            int c = read();
            if (c < 0) {
                return -1;
            }
            b[off] = (byte) c;
            return 1;
        }
    }
}
