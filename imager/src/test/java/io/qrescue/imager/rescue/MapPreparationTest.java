package io.qrescue.imager.rescue;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.imager.device.FaultModel;
import io.qrescue.imager.device.FaultModelDevice;
import io.qrescue.imager.output.MemoryOutputImage;
import io.qrescue.imager.testing.MapText;
import io.qrescue.imager.testing.MemoryMapfileSaver;
import io.qrescue.imager.testing.ZeroDevice;
import io.qrescue.imager.time.VirtualClock;
import io.qrescue.mapfile.Mapfile;
import io.qrescue.mapfile.MapfileReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Spec 1.6 and 2.1: map normalisation on load and the checks before the first read. */
class MapPreparationTest {

    private static Mapfile map(String text) throws Exception {
        return MapfileReader.parse(text.getBytes(StandardCharsets.US_ASCII), "map", null);
    }

    private static MapPreparation.Prepared prepare(RescueOptions options, String text, long size) throws Exception {
        return MapPreparation.prepare(options, null, text == null ? null : map(text), size);
    }

    @Test
    void shouldExtendTheMapToTheInputSize() throws Exception {
        var prepared = prepare(RescueOptions.defaults(), "0 + 1\n0x1000 0x1000 +\n", 0x4000);
        assertThat(MapText.dataLines(prepared.map().blocks().toList().toString().replace(", ", "\n")
                .replace("[", "").replace("]", ""))).containsExactly(
                "0x00000000  0x00001000  ?", "0x00001000  0x00001000  +", "0x00002000  0x00002000  ?");
        assertThat(prepared.mapfileInputSize()).isEqualTo(0x2000);
    }

    @Test
    void shouldRefuseFinishedDataPastTheEndOfTheInput() {
        var failure = org.assertj.core.api.Assertions.catchThrowableOfType(
                () -> prepare(RescueOptions.defaults(), "0 + 1\n0 0x3000 +\n", 0x2000), SetupFailure.class);
        assertThat(failure).hasMessageStartingWith("Rescued data in mapfile goes past end of input file.");
        assertThat(failure.toResult().exitCode()).isEqualTo(1);
        var past = org.assertj.core.api.Assertions.catchThrowableOfType(
                () -> prepare(RescueOptions.defaults(), "0 + 1\n0 0x2000 ?\n0x2000 0x100 +\n", 0x2000),
                SetupFailure.class);
        assertThat(past).hasMessageStartingWith("Last block in mapfile begins past end of input file.");
    }

    @Test
    void shouldCutNonFinishedBlocksAtTheEndOfTheInput() throws Exception {
        var prepared = prepare(RescueOptions.defaults(), "0 + 1\n0 0x1000 +\n0x1000 0x3000 -\n", 0x2000);
        assertThat(prepared.map().blocks().extent().end()).isEqualTo(0x2000);
    }

    @Test
    void shouldLimitTheDomainToTheMapWithCompleteOnly() throws Exception {
        var prepared = prepare(RescueOptions.builder().completeOnly(true).build(), "0 + 1\n0 0x1000 ?\n", 0x8000);
        assertThat(prepared.domain().end()).isEqualTo(0x1000);
        assertThat(prepared.map().blocks().extent().end()).isEqualTo(0x1000);
    }

    @Test
    void shouldRetrimAndTryAgainWithoutMergingBlocks() throws Exception {
        String text = "0 + 1\n0 0x1000 *\n0x1000 0x1000 /\n0x2000 0x1000 -\n0x3000 0x1000 +\n";
        var retrim = prepare(RescueOptions.builder().retrim(true).build(), text, 0x4000);
        assertThat(retrim.map().blocks().toList()).extracting(b -> b.status().symbol())
                .containsExactly('*', '*', '*', '+');
        var both = prepare(RescueOptions.builder().retrim(true).tryAgain(true).build(), text, 0x4000);
        assertThat(both.map().blocks().toList()).extracting(b -> b.status().symbol())
                .containsExactly('?', '?', '?', '+');
    }

    @Test
    void shouldJoinSubSectorsAndSplitAtDomainBorders() throws Exception {
        var prepared = prepare(RescueOptions.builder().inputPosition(0x800).maxSize(0x800).build(),
                "0 + 1\n0 0x100 ?\n0x100 0xF00 -\n", 0x1000);
        assertThat(prepared.map().blocks().toList().toString())
                .isEqualTo("[0x00000000  0x00000200  ?, 0x00000200  0x00000600  -, 0x00000800  0x00000800  -]");
    }

    @Test
    void shouldRefuseToStartPastTheEndOfTheInput() {
        var failure = org.assertj.core.api.Assertions.catchThrowableOfType(
                () -> prepare(RescueOptions.builder().inputPosition(0x5000).build(), null, 0x4000), SetupFailure.class);
        assertThat(failure).hasMessageStartingWith("Can't start reading at pos 20480.");
    }

    @Test
    void shouldDoNothingForAnEmptyDomainAndCreateNoMapfile() {
        MemoryMapfileSaver saver = new MemoryMapfileSaver();
        VirtualClock clock = new VirtualClock();
        var emptyDomainMap = io.qrescue.mapfile.BlockMap.of(java.util.List.of(
                new io.qrescue.mapfile.StatusBlock(0, 0x4000, io.qrescue.mapfile.BlockStatus.NON_TRIED)));
        RescueResult result = Rescuer.builder()
                .domainMap(emptyDomainMap)
                .input(new FaultModelDevice(new ZeroDevice(0x4000, 512), FaultModel.none(), clock))
                .output(new MemoryOutputImage())
                .mapfile(null, saver.target())
                .timeSource(clock)
                .build()
                .run();
        assertThat(result.exitCode()).isZero();
        assertThat(result.message()).isEqualTo("Nothing to do; domain is empty.");
        assertThat(saver.saveCount()).isZero();
    }

    @Test
    void shouldVerifyTheInputSizeAgainstTheMapfile() throws Exception {
        VirtualClock clock = new VirtualClock();
        RescueResult differs = Rescuer.builder()
                .options(RescueOptions.builder().verifyInputSize(true).build())
                .input(new FaultModelDevice(new ZeroDevice(0x4000, 512), FaultModel.none(), clock))
                .output(new MemoryOutputImage())
                .mapfile(map("0 + 1\n0 0x2000 +\n"), new MemoryMapfileSaver().target())
                .timeSource(clock)
                .build()
                .run();
        assertThat(differs.exitCode()).isEqualTo(1);
        assertThat(differs.message()).isEqualTo("Input file size differs from size calculated from mapfile.");
    }

    @Test
    void shouldRefuseTruncationWithANonBlankMap() throws Exception {
        VirtualClock clock = new VirtualClock();
        RescueResult result = Rescuer.builder()
                .options(RescueOptions.builder().truncateOutput(true).build())
                .input(new FaultModelDevice(new ZeroDevice(0x4000, 512), FaultModel.none(), clock))
                .output(new MemoryOutputImage())
                .mapfile(map("0 + 1\n0 0x2000 +\n"), new MemoryMapfileSaver().target())
                .timeSource(clock)
                .build()
                .run();
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.message()).isEqualTo("Outfile truncation and mapfile input are incompatible.");
    }
}
