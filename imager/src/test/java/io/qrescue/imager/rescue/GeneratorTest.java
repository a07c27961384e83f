package io.qrescue.imager.rescue;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.imager.device.MemoryDevice;
import io.qrescue.imager.testing.MapText;
import io.qrescue.imager.testing.MemoryMapfileSaver;
import io.qrescue.imager.time.VirtualClock;
import io.qrescue.mapfile.BlockStatus;
import io.qrescue.mapfile.Domain;
import io.qrescue.mapfile.Mapfile;
import io.qrescue.mapfile.MapfileException;
import io.qrescue.mapfile.MapfileReader;
import io.qrescue.mapfile.StatusBlock;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GeneratorTest {

    @Test
    void shouldMarkNonZeroSectorsFinishedAndCutTheMapAtTheEndOfTheCopy() throws Exception {
        byte[] copy = new byte[7000];
        new Random(7).nextBytes(copy);
        java.util.Arrays.fill(copy, 1000, 2100, (byte) 0);
        copy[1500] = 0; // already zero: the sector [1024, 1536) is all zeros, [1536, 2048) too
        MemoryMapfileSaver saver = new MemoryMapfileSaver();

        RescueResult result = generator(null, 10000, copy, 512, 128, 0, saver).run();

        assertThat(result.exitCode()).isZero();
        // what GNU ddrescue 1.27 writes for this input (checked by hand against /usr/bin/ddrescue -G)
        assertThat(MapText.dataLines(saver.lastText())).containsExactly("0x00000000     +               1",
                "0x00000000  0x00000400  +", "0x00000400  0x00000400  ?", "0x00000800  0x00001358  +");
        assertThat(saver.lastText()).contains("# Finished\n");
    }

    @Test
    void shouldCountSectorsFromTheStartOfEachReadWithAnOffset() throws Exception {
        byte[] copy = new byte[7000];
        new Random(7).nextBytes(copy);
        java.util.Arrays.fill(copy, 1000, 2100, (byte) 0);
        MemoryMapfileSaver saver = new MemoryMapfileSaver();

        Generator generator = generator(null, 10000, copy, 1000, 3, 500, saver);
        generator.run();

        // sectors of 1000 bytes at outfile 500, 1500, ...: none is all zeros
        assertThat(MapText.dataLines(saver.lastText())).containsExactly("0x00001770     +               1",
                "0x00000000  0x00001964  +");
        assertThat(generator.progress()).isEqualTo(new Generator.Progress(6500, 6500, 6000));
    }

    @Test
    void shouldRefuseAMapThatIsNeitherBlankNorBeingGenerated() throws Exception {
        assertThat(Generator.accepts(map("0 ?\n"))).isTrue();
        assertThat(Generator.accepts(map("0 ? 1\n0 100 ?\n"))).isTrue();
        assertThat(Generator.accepts(map("0 G 1\n0 100 +\n100 100 ?\n"))).isTrue();
        assertThat(Generator.accepts(map("0 ? 1\n0 100 +\n"))).isFalse();
        assertThat(Generator.accepts(map("0 + 1\n0 100 -\n"))).isFalse();
    }

    @Test
    void shouldFailWhenTheCopyEndsBeforeFinishedBlocksOfTheMap() throws Exception {
        MemoryMapfileSaver saver = new MemoryMapfileSaver();
        byte[] copy = new byte[1000];
        RescueResult result = generator(map("512 G 1\n0 512 ?\n512 1488 ?\n2000 100 +\n"), 3000, copy, 512, 8, 0,
                saver).run();

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.message()).isEqualTo("EOF found below the size calculated from mapfile.");
        assertThat(result.subject()).isEqualTo(RescueResult.Subject.INPUT_FILE);
        assertThat(MapText.dataLines(saver.lastText()).get(0)).isEqualTo("0x00000200     G               1");
    }

    @Test
    void shouldMatchANaiveSectorScanOnRandomCopies() throws Exception {
        Random random = new Random(20261127L);
        for (int round = 0; round < 40; round++) {
            int sectorSize = 1 << random.nextInt(10);
            int cluster = 1 + random.nextInt(16);
            int inputSize = 1 + random.nextInt(20000);
            byte[] copy = new byte[random.nextInt(inputSize + 1)];
            for (int at = 0; at < copy.length; at += sectorSize) {
                if (random.nextBoolean()) {
                    copy[Math.min(copy.length - 1, at + random.nextInt(sectorSize))] = 1;
                }
            }
            MemoryMapfileSaver saver = new MemoryMapfileSaver();
            RescueResult result = generator(null, inputSize, copy, sectorSize, cluster, 0, saver).run();

            assertThat(result.exitCode()).isZero();
            Mapfile generated = MapfileReader.parse(saver.lastText().getBytes(StandardCharsets.US_ASCII), "g", null);
            long end = copy.length == 0 ? 0 : copy.length;
            assertThat(generated.blocks().extent().end()).as("round %d", round).isEqualTo(end);
            for (StatusBlock sb : generated.blocks()) {
                for (long p = sb.pos(); p < sb.end(); p++) {
                    long sector = p / sectorSize * sectorSize; // reads start at multiples of the cluster
                    boolean written = false;
                    for (long q = sector; q < Math.min(sector + sectorSize, copy.length); q++) {
                        written |= copy[(int) q] != 0;
                    }
                    assertThat(sb.status() == BlockStatus.FINISHED).as("round %d pos %d", round, p)
                            .isEqualTo(written);
                }
            }
        }
    }

    private static Generator generator(Mapfile existing, long inputSize, byte[] copy, int sectorSize, int cluster,
            long offset, MemoryMapfileSaver saver) throws MapfileException {
        ModePreparation.Prepared prepared = ModePreparation.forGenerate(existing, Domain.everything(), inputSize);
        return new Generator(prepared, new MemoryDevice(copy, sectorSize), sectorSize, cluster, offset, saver.target(), -1,
                300, new VirtualClock());
    }

    private static Mapfile map(String text) throws MapfileException {
        return MapfileReader.parse(text.getBytes(StandardCharsets.US_ASCII), "map", null);
    }
}
