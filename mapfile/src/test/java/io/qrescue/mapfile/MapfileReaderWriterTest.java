package io.qrescue.mapfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The reader and writer: ddrescue's exact layout, round trips, and no crash on any input. */
class MapfileReaderWriterTest {

    private static final MapfileHeader HEADER = new MapfileHeader(MapfileHeader.RESCUE_CREATOR,
            "ddrescue -v in out map", "2026-11-27 04:31:52", "2026-11-27 04:31:53");

    @Test
    void shouldWriteDdrescuesLayout() throws MapfileException {
        Mapfile mapfile = MapfileReader.parse("0x13F3E00 ? 2\n0 0x100000 +\n0x100000 0x10000 *\n0x110000 0x7FFFFFFFFFEF0000 ?\n"
                .getBytes(StandardCharsets.ISO_8859_1), "m", null);
        mapfile.runStatus(RunStatus.COPYING, "Copying non-tried blocks... Pass 2 (backwards)");
        assertThat(MapfileWriter.toText(mapfile, HEADER)).isEqualTo("""
                # Mapfile. Created by GNU ddrescue version 1.27
                # Command line: ddrescue -v in out map
                # Start time:   2026-11-27 04:31:52
                # Current time: 2026-11-27 04:31:53
                # Copying non-tried blocks... Pass 2 (backwards)
                # current_pos  current_status  current_pass
                0x013F3E00     ?               2
                #      pos        size  status
                0x00000000  0x00100000  +
                0x00100000  0x00010000  *
                0x00110000  0x7FFFFFFFFFEEFFFF  ?
                """); // the size is clamped so the block ends at 2^63-1
    }

    @Test
    void shouldReadBackWhatItWrites() throws MapfileException {
        Random random = new Random(42);
        for (int i = 0; i < 500; i++) {
            List<StatusBlock> blocks = new ArrayList<>();
            long pos = random.nextBoolean() ? 0 : random.nextInt(1 << 20);
            int count = 1 + random.nextInt(50);
            for (int b = 0; b < count; b++) {
                long size = 1 + (random.nextLong() & 0xFFFFFFFFFFL);
                blocks.add(new StatusBlock(pos, size, BlockStatus.values()[random.nextInt(5)]));
                pos += size;
            }
            Mapfile original = new Mapfile(random.nextLong() & Long.MAX_VALUE,
                    RunStatus.values()[random.nextInt(RunStatus.values().length)], 1 + random.nextInt(5),
                    BlockMap.of(blocks));
            String text = MapfileWriter.toText(original, HEADER);
            Mapfile read = MapfileReader.parse(text.getBytes(StandardCharsets.ISO_8859_1), "m", null);
            assertThat(read.blocks()).isEqualTo(original.blocks());
            assertThat(read.currentPos()).isEqualTo(original.currentPos());
            assertThat(read.runStatus()).isEqualTo(original.runStatus());
            assertThat(read.currentPass()).isEqualTo(original.currentPass());
        }
    }

    @Test
    void shouldNeverThrowAnUncheckedExceptionOnAnyInput() {
        Random random = new Random(7);
        byte[] alphabet = " \t\r\n#0123456789xX+-?*/FGabcdef\0\u00ff".getBytes(StandardCharsets.ISO_8859_1);
        int accepted = 0;
        int rejected = 0;
        for (int i = 0; i < 50_000; i++) {
            byte[] input = new byte[random.nextInt(200)];
            for (int j = 0; j < input.length; j++) {
                input[j] = random.nextInt(4) == 0 ? (byte) random.nextInt(256) : alphabet[random.nextInt(alphabet.length)];
            }
            BlockStatus loose = random.nextBoolean() ? null : BlockStatus.NON_TRIED;
            try {
                MapfileReader.parse(input, "fuzz", loose);
                accepted++;
            } catch (MapfileException e) {
                assertThat(e.exitCode()).isEqualTo(2);
                assertThat(e.getMessage()).startsWith("fuzz: Error in mapfile, line ");
                rejected++;
            }
        }
        assertThat(accepted).isPositive();
        assertThat(rejected).isPositive();
    }

    @Test
    void shouldNameTheLineOfTheFirstError() {
        byte[] text = "# c\n\n0 ? 1\n0 0x1000 +\n# gap below\n0x2000 0x1000 -\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> MapfileReader.parse(text, "gap.map", null))
                .isInstanceOf(MapfileException.class)
                .hasMessage("gap.map: Error in mapfile, line 6: Blocks are not contiguous.");
    }

    @Test
    void shouldScanNumbersLikeC() throws MapfileException {
        Mapfile m = MapfileReader.parse("0? 1\n0 0x1000+ trailing\n0x1000 010 -\n0x1008 99999999999999999999999 /\n"
                .getBytes(StandardCharsets.ISO_8859_1), "m", null);
        assertThat(m.blocks().toList()).containsExactly(new StatusBlock(0, 0x1000, BlockStatus.FINISHED),
                new StatusBlock(0x1000, 8, BlockStatus.BAD_SECTOR),
                new StatusBlock(0x1008, Long.MAX_VALUE - 0x1008, BlockStatus.NON_SCRAPED));
    }
}
