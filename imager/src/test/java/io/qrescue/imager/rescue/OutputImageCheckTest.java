package io.qrescue.imager.rescue;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.imager.device.FaultModel;
import io.qrescue.imager.device.FaultModelDevice;
import io.qrescue.imager.output.MemoryOutputImage;
import io.qrescue.imager.testing.MemoryMapfileSaver;
import io.qrescue.imager.testing.PatternDevice;
import io.qrescue.imager.testing.ZeroDevice;
import io.qrescue.imager.time.VirtualClock;
import io.qrescue.mapfile.BlockStatus;
import io.qrescue.mapfile.StatusBlock;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Every finished byte of the output equals the source; bad areas are never written (spec 2.10). */
class OutputImageCheckTest {

    private static final long MI = 1L << 20;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void shouldWriteExactlyTheFinishedBlocks(long seed) {
        Random random = new Random(seed);
        int sectorSize = random.nextBoolean() ? 512 : 4096;
        long size = MI + random.nextInt(3 * (int) MI);
        PatternDevice source = new PatternDevice(size, sectorSize, seed);
        StringBuilder faults = new StringBuilder();
        for (int i = random.nextInt(8); i >= 0; i--) {
            String kind = random.nextInt(3) == 0 ? "soft" : "bad";
            faults.append(kind).append(' ').append(random.nextLong(size)).append(' ')
                    .append(1 + random.nextInt(200_000)).append(kind.equals("soft") ? " tries=2" : "").append('\n');
        }
        long offset = random.nextBoolean() ? 0 : sectorSize * (long) random.nextInt(1000);
        VirtualClock clock = new VirtualClock();
        MemoryOutputImage output = new MemoryOutputImage();
        RescueResult result = Rescuer.builder()
                .options(RescueOptions.builder().sectorSize(sectorSize).outputPosition(offset).maxRetries(1).build())
                .input(new FaultModelDevice(source, FaultModel.ofSpec(faults.toString()), clock))
                .output(output)
                .mapfile(null, new MemoryMapfileSaver().target())
                .timeSource(clock)
                .build()
                .run();
        assertThat(result.exitCode()).isZero();
        long finished = 0;
        for (StatusBlock sb : result.map().blocks()) {
            for (long p = sb.pos(); p < sb.end(); p++) {
                byte expected = sb.status() == BlockStatus.FINISHED ? source.byteAt(p) : 0;
                if (output.byteAt(p + offset) != expected) {
                    throw new AssertionError(String.format("seed %d: output byte for 0x%X in %s", seed, p, sb));
                }
            }
            finished += sb.status() == BlockStatus.FINISHED ? sb.size() : 0;
        }
        assertThat(finished).isEqualTo(result.stats().finished());
        for (long p = 0; p < offset; p++) {
            assertThat(output.byteAt(p)).isZero();
        }
    }

    @Test
    void shouldNotWriteZerosWhenSparseButExtendTheOutput() {
        VirtualClock clock = new VirtualClock();
        MemoryOutputImage output = new MemoryOutputImage();
        RescueResult result = Rescuer.builder()
                .options(RescueOptions.builder().sparse(true).build())
                .input(new FaultModelDevice(new ZeroDevice(3 * MI, 512), FaultModel.none(), clock))
                .output(output)
                .timeSource(clock)
                .build()
                .run();
        assertThat(result.exitCode()).isZero();
        assertThat(output.bytesWritten()).isZero();
        assertThat(output.size()).isEqualTo(3 * MI);
    }

    @Test
    void shouldExtendTheOutputToTheRequestedSize() {
        VirtualClock clock = new VirtualClock();
        MemoryOutputImage output = new MemoryOutputImage();
        Rescuer.builder()
                .options(RescueOptions.builder().minOutfileSize(5 * MI).build())
                .input(new FaultModelDevice(new PatternDevice(MI, 512, 3), FaultModel.none(), clock))
                .output(output)
                .timeSource(clock)
                .build()
                .run();
        assertThat(output.size()).isEqualTo(5 * MI);
        assertThat(output.bytesWritten()).isEqualTo(MI);
    }
}
