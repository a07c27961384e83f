package io.qrescue.imager.rescue;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.imager.device.FaultModel;
import io.qrescue.imager.device.FaultModelDevice;
import io.qrescue.imager.output.MemoryOutputImage;
import io.qrescue.imager.testing.MapText;
import io.qrescue.imager.testing.RecordingListener;
import io.qrescue.imager.testing.ZeroDevice;
import io.qrescue.imager.time.VirtualClock;
import io.qrescue.mapfile.MapfileReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class SkipSizesTest {

    private static final long MI = 1L << 20;

    @Test
    void shouldDeriveDefaultSkipSizesFromTheInputSize() {
        // spec 2.4: 64 MiB input -> 65536 / 671232; 1 TiB -> 11010048 (21504 sectors)
        assertThat(SkipSizes.of(RescueOptions.defaults(), 64 * MI)).isEqualTo(new SkipSizes(65536, 671232));
        assertThat(SkipSizes.of(RescueOptions.defaults(), 1L << 40).initial()).isEqualTo(11010048);
    }

    @Test
    void shouldRoundUserSkipSizesUpToSectors() {
        RescueOptions options = RescueOptions.builder().skipSize(100000).build();
        assertThat(SkipSizes.of(options, 64 * MI).initial()).isEqualTo(100352); // 196 sectors
        RescueOptions bigSectors = RescueOptions.builder().sectorSize(4096).skipSize(100000).build();
        assertThat(SkipSizes.of(bigSectors, 64 * MI).initial()).isEqualTo(102400);
    }

    @Test
    void shouldKeepAUserMaximum() {
        RescueOptions options = RescueOptions.builder().skipSize(MI).maxSkipSize(4 * MI).build();
        assertThat(SkipSizes.of(options, 64 * MI)).isEqualTo(new SkipSizes(MI, 4 * MI));
    }

    @Test
    void shouldSkipLikeTheWorkedExampleE01() throws Exception {
        // spec 2.4: the 4 MiB bad area at 16 MiB of the main test map, pass 1 forwards
        var testMap = MapfileReader.read(MapText.vectorsDir().resolve("common/testmap_main.map"), null);
        VirtualClock clock = new VirtualClock();
        RecordingListener recorder = new RecordingListener();
        Rescuer.builder()
                .input(new FaultModelDevice(new ZeroDevice(64 * MI, 512), FaultModel.ofTestMap(testMap), clock))
                .output(new MemoryOutputImage())
                .listener(recorder)
                .timeSource(clock)
                .options(RescueOptions.builder().noTrim(true).build())
                .build()
                .run();
        List<io.qrescue.imager.rescue.ReadEvent> failedInF = recorder.readsOf("Copying non-tried blocks... Pass 1").stream()
                .filter(r -> r.failed() > 0 && r.pos() >= 0x01000000L && r.pos() < 0x01400000L).toList();
        assertThat(failedInF).extracting(io.qrescue.imager.rescue.ReadEvent::pos).containsExactly(
                0x01000000L, 0x01020000L, 0x01050000L, 0x010A0000L, 0x01130000L, 0x011E3E00L, 0x01293E00L,
                0x01343E00L, 0x013F3E00L);
        // after the unaligned skip the read is shortened to end on a cluster boundary
        assertThat(failedInF.get(5).size()).isEqualTo(0xC200);
        var pass1Reads = recorder.readsOf("Copying non-tried blocks... Pass 1");
        var afterF = pass1Reads.stream().filter(r -> r.pos() >= 0x01400000L).findFirst().orElseThrow();
        assertThat(afterF.pos()).isEqualTo(0x014A3E00L);
        assertThat(recorder.phaseMessages()).containsExactly(
                "Copying non-tried blocks... Pass 1 (forwards)",
                "Copying non-tried blocks... Pass 2 (backwards)",
                "Copying non-tried blocks... Pass 5 (forwards)");
    }
}
