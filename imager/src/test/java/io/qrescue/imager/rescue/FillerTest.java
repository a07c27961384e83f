package io.qrescue.imager.rescue;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.imager.output.MemoryOutputImage;
import io.qrescue.imager.testing.FailingOutputImage;
import io.qrescue.imager.testing.MapText;
import io.qrescue.imager.testing.MemoryMapfileSaver;
import io.qrescue.imager.time.VirtualClock;
import io.qrescue.mapfile.Block;
import io.qrescue.mapfile.BlockStatus;
import io.qrescue.mapfile.Domain;
import io.qrescue.mapfile.Mapfile;
import io.qrescue.mapfile.MapfileReader;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FillerTest {

    private static final String MAP = """
            0x00000000 ? 1
            0x00000000  0x00000400  +
            0x00000400  0x00000300  -
            0x00000700  0x00000500  ?
            0x00000C00  0x00000100  +
            """;
    private static final byte[] FILL = "0123456789".getBytes(StandardCharsets.US_ASCII);

    @Test
    void shouldWriteRepeatedDataOverBlocksOfTheFillTypesOnly() throws Exception {
        MemoryOutputImage out = new MemoryOutputImage();
        MemoryMapfileSaver saver = new MemoryMapfileSaver();
        Filler filler = filler(options(Set.of(BlockStatus.BAD_SECTOR), 1024), MAP, Domain.everything(), out,
                saver);

        RescueResult result = filler.run();

        assertThat(result.exitCode()).isZero();
        for (long pos = 0; pos < 0xD00; pos++) {
            byte expected = pos >= 0x400 && pos < 0x700 ? FILL[(int) ((pos - 0x400) % FILL.length)] : 0;
            assertThat(out.byteAt(pos)).as("byte at %d", pos).isEqualTo(expected);
        }
        assertThat(out.size()).isEqualTo(0x700);
        assertThat(MapText.dataLines(saver.lastText())).containsExactly("0x00000400     +               1",
                "0x00000000  0x00000400  +", "0x00000400  0x00000300  -", "0x00000700  0x00000500  ?",
                "0x00000C00  0x00000100  +");
        assertThat(saver.lastText()).contains("# Finished\n");
        assertThat(filler.progress()).isEqualTo(new Filler.Progress(0x300, 1, 0, 0, 0x400));
    }

    @Test
    void shouldRestartTheDataAtEachClusterAndAddTheOffset() throws Exception {
        MemoryOutputImage out = new MemoryOutputImage();
        RescueOptions options = fillOptions(Set.of(BlockStatus.NON_TRIED), false, false, false, 512, 1, 100, -1,
                300);
        filler(options, MAP, Domain.everything(), out, new MemoryMapfileSaver()).run();

        // the ? block [0x700, 0xC00) is written as 512-byte pieces starting at 0x700, 0x900 and 0xB00
        for (long pos = 0x700; pos < 0xC00; pos++) {
            long pieceStart = 0x700 + (pos - 0x700) / 512 * 512;
            assertThat(out.byteAt(pos + 100)).isEqualTo(FILL[(int) ((pos - pieceStart) % FILL.length)]);
        }
        assertThat(out.byteAt(0x700 + 99)).isZero();
    }

    @Test
    void shouldStampEachSectorWithItsLocationLikeDdrescue() throws Exception {
        MemoryOutputImage out = new MemoryOutputImage();
        RescueOptions withLocation = fillOptions(Set.of(BlockStatus.BAD_SECTOR), true, false, false, 512, 2, 0,
                -1, 300);
        filler(withLocation, MAP, Domain.everything(), out, new MemoryMapfileSaver()).run();

        assertThat(text(out, 0x400, 51)).isEqualTo("\n# position 0x00000400 sector 0x00000002 status - 0");
        assertThat(text(out, 0x600, 50)).isEqualTo("\n# position 0x00000600 sector 0x00000003 status - ");
        // the text starts at sector 0x400 of the buffer; fill data resume after it at their buffer offset
        assertThat(out.byteAt(0x600 + 50)).isEqualTo(FILL[(0x200 + 50) % FILL.length]);
    }

    @Test
    void shouldCutLocationTextsAtTheEndOfAWriteWithANulByte() {
        FillBuffer buffer = FillBuffer.repeating(FILL, FILL.length, 64);
        buffer.stampLocations(0x10, 20, 16, BlockStatus.NON_TRIED);

        byte[] b = buffer.bytes();
        // the first text's field is the whole write (20 bytes); the second sector's text, 4 bytes before the end,
        // overwrites its tail and is itself cut to 3 characters and a NUL
        assertThat(new String(b, 0, 16, StandardCharsets.US_ASCII)).isEqualTo("\n# position 0x00");
        assertThat(new String(b, 16, 3, StandardCharsets.US_ASCII)).isEqualTo("\n# ");
        assertThat(b[19]).isZero();
        assertThat(b[20]).isEqualTo(FILL[0]); // past the write: untouched
    }

    @Test
    void shouldResumeAnInterruptedFillAtItsPosition() throws Exception {
        String interrupted = MAP.replace("0x00000000 ? 1", "0x00000500 F 1");
        MemoryOutputImage out = new MemoryOutputImage();
        Filler filler = filler(options(Set.of(BlockStatus.BAD_SECTOR, BlockStatus.NON_TRIED), 1024), interrupted,
                Domain.everything(), out, new MemoryMapfileSaver());
        assertThat(filler.progress()).isEqualTo(new Filler.Progress(0x100, 0, 0x200 + 0x500, 2, 0x500));

        filler.run();

        assertThat(out.byteAt(0x4FF)).isZero();
        assertThat(out.byteAt(0x500)).isEqualTo(FILL[0]);
        assertThat(out.byteAt(0xBFF)).isEqualTo(FILL[(0xBFF - 0xB00) % FILL.length]); // second cluster of the ? block
    }

    @Test
    void shouldSaveFillingStatusWhenInterrupted() throws Exception {
        MemoryMapfileSaver saver = new MemoryMapfileSaver();
        Filler filler = filler(options(Set.of(BlockStatus.NON_TRIED), 512), MAP, Domain.everything(),
                new MemoryOutputImage(), saver);
        filler.interrupt();

        RescueResult result = filler.run();

        assertThat(result.interrupted()).isTrue();
        assertThat(result.exitCode()).isZero();
        assertThat(MapText.dataLines(saver.lastText()).get(0)).isEqualTo("0x00000700     F               1");
        assertThat(saver.lastText()).contains("# Filling blocks...\n");
    }

    @Test
    void shouldOnlyFillInsideTheDomain() throws Exception {
        MemoryOutputImage out = new MemoryOutputImage();
        filler(options(Set.of(BlockStatus.FINISHED), 1024), MAP, Domain.of(0x200, 0xA00), out,
                new MemoryMapfileSaver()).run();

        assertThat(out.byteAt(0x1FF)).isZero();
        assertThat(out.byteAt(0x200)).isEqualTo(FILL[0]);
        assertThat(out.byteAt(0x3FF)).isEqualTo(FILL[(0x1FF) % FILL.length]);
        assertThat(out.byteAt(0xC00)).isZero(); // the last + block is past the domain
    }

    @Test
    void shouldStopAtTheFirstWriteErrorWithoutW() throws Exception {
        FailingOutputImage out = new FailingOutputImage(new Block(0x500, 1));
        MemoryMapfileSaver saver = new MemoryMapfileSaver();
        RescueResult result = filler(options(Set.of(BlockStatus.BAD_SECTOR), 1024), MAP, Domain.everything(), out,
                saver).run();

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.message()).isEqualTo("Write error: Input/output error");
        assertThat(result.subject()).isEqualTo(RescueResult.Subject.OUTPUT_FILE);
        assertThat(MapText.dataLines(saver.lastText()).get(0)).isEqualTo("0x00000400     F               1");
    }

    @Test
    void shouldSkipUnwritableSectorsWithW() throws Exception {
        FailingOutputImage out = new FailingOutputImage(new Block(0x500, 1));
        RescueOptions options = fillOptions(Set.of(BlockStatus.BAD_SECTOR), false, true, false, 256, 4, 0, -1,
                300);
        RescueResult result = filler(options, MAP, Domain.everything(), out, new MemoryMapfileSaver()).run();

        assertThat(result.exitCode()).isZero();
        assertThat(result.message()).isEmpty();
        // [0x400,0x700): 1 KiB write fails, then sector by sector: 0x400 ok, 0x500 fails, 0x600 ok
        assertThat(out.failedWrites()).isEqualTo(2);
        assertThat(out.byteAt(0x4FF)).isEqualTo(FILL[0xFF % FILL.length]);
        assertThat(out.byteAt(0x500)).isZero();
        assertThat(out.byteAt(0x600)).isEqualTo(FILL[0]);
    }

    @Test
    void shouldWriteExactlyTheBlocksOfTheTypesOnRandomMaps() throws Exception {
        Random random = new Random(20261127L);
        BlockStatus[] statuses = BlockStatus.values();
        for (int round = 0; round < 50; round++) {
            StringBuilder map = new StringBuilder("0 + 1\n");
            long pos = 0;
            for (int i = 0; i < 1 + random.nextInt(8); i++) {
                long size = 1 + random.nextInt(3000);
                map.append(pos).append(' ').append(size).append(' ')
                        .append(statuses[random.nextInt(statuses.length)].symbol()).append('\n');
                pos += size;
            }
            EnumSet<BlockStatus> types = EnumSet.noneOf(BlockStatus.class);
            types.add(statuses[random.nextInt(statuses.length)]);
            types.add(statuses[random.nextInt(statuses.length)]);
            MemoryOutputImage out = new MemoryOutputImage();
            Mapfile parsed = MapfileReader.parse(map.toString().getBytes(StandardCharsets.US_ASCII), "m", null);
            filler(fillOptions(types, false, false, false, 1 + random.nextInt(700), 1 + random.nextInt(4), 0,
                    -1, 300), map.toString(), Domain.everything(), out, new MemoryMapfileSaver()).run();

            for (var sb : parsed.blocks()) {
                boolean filled = types.contains(sb.status());
                for (long p = sb.pos(); p < sb.end(); p += 97) {
                    assertThat(out.byteAt(p) != 0).as("round %d pos %d", round, p).isEqualTo(filled);
                }
            }
        }
    }

    private static RescueOptions options(Set<BlockStatus> types, int clusterBytes) {
        return fillOptions(types, false, false, false, 512, clusterBytes / 512, 0, -1, 300);
    }

    private static Filler filler(RescueOptions options, String map, Domain domain,
            io.qrescue.imager.output.OutputImage out, MemoryMapfileSaver saver) throws Exception {
        Mapfile parsed = MapfileReader.parse(map.getBytes(StandardCharsets.US_ASCII), "map", null);
        return new Filler(options, ModePreparation.forFill(parsed, domain), FILL, FILL.length, out, saver.target(),
                new VirtualClock());
    }

    private static String text(MemoryOutputImage out, long pos, int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = out.byteAt(pos + i);
        }
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    /** ddrescue's fill-mode options, in the order fill mode uses them. */
    private static RescueOptions fillOptions(Set<BlockStatus> types, boolean location, boolean ignoreWriteErrors,
            boolean synchronous, int sectorSize, int clusterSectors, long outputOffset, int saveSeconds,
            int syncSeconds) {
        return RescueOptions.builder().mode(OperationMode.FILL).fillTypes(types).fillWritesLocation(location)
                .ignoreWriteErrors(ignoreWriteErrors).synchronousWrites(synchronous).sectorSize(sectorSize)
                .clusterSectors(clusterSectors).outputPosition(outputOffset)
                .mapfileIntervals(saveSeconds, syncSeconds).build();
    }
}
