package io.qrescue.imager.rescue;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.imager.testing.FailingOutputImage;
import io.qrescue.imager.testing.MemoryMapfileSaver;
import io.qrescue.imager.testing.PatternDevice;
import io.qrescue.imager.time.VirtualClock;
import io.qrescue.mapfile.Block;
import io.qrescue.mapfile.BlockStatus;
import io.qrescue.mapfile.StatusBlock;
import java.nio.ByteBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The writer writes behind the reads, so the engine learns of a failed write only later: the reads recorded
 * meanwhile are undone, and the run ends as ddrescue's does at a write error, with a map that claims only what
 * the output holds.
 */
class PipelineWriteFailureTest {

    private static final int SIZE = 1 << 20;
    private static final long UNWRITABLE = 0x40000;

    @ParameterizedTest
    @ValueSource(ints = {1, 8})
    void shouldStopAtAWriteErrorWithAMapThatClaimsOnlyWrittenData(int queueDepth) {
        PatternDevice source = new PatternDevice(SIZE, 512, 5);
        FailingOutputImage output = new FailingOutputImage(new Block(UNWRITABLE, 1));
        MemoryMapfileSaver saver = new MemoryMapfileSaver();

        RescueResult result = Rescuer.builder().input(source).output(output).mapfile(null, saver.target())
                .timeSource(new VirtualClock()).queueDepth(queueDepth).build().run();

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.message()).isEqualTo("Write error");
        assertThat(result.subject()).isEqualTo(RescueResult.Subject.OUTPUT_FILE);
        assertThat(result.map().blocks().toList()).containsExactly(
                new StatusBlock(0, UNWRITABLE, BlockStatus.FINISHED),
                new StatusBlock(UNWRITABLE, SIZE - UNWRITABLE, BlockStatus.NON_TRIED));
        ByteBuffer written = ByteBuffer.allocate((int) UNWRITABLE);
        output.read(0, written);
        for (int i = 0; i < UNWRITABLE; i++) {
            assertThat(written.get(i)).as("byte %d", i).isEqualTo(source.byteAt(i));
        }
    }
}
