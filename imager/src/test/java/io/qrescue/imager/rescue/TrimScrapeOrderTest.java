package io.qrescue.imager.rescue;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.imager.device.FaultModel;
import io.qrescue.imager.device.FaultModelDevice;
import io.qrescue.imager.output.MemoryOutputImage;
import io.qrescue.imager.testing.MapText;
import io.qrescue.imager.testing.MemoryMapfileSaver;
import io.qrescue.imager.testing.RecordingListener;
import io.qrescue.imager.testing.ZeroDevice;
import io.qrescue.imager.time.VirtualClock;
import io.qrescue.mapfile.Mapfile;
import io.qrescue.mapfile.MapfileReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Spec 2.5 and 2.6: which sectors trimming and scraping read, in which order. */
class TrimScrapeOrderTest {

    private static final String TWO_NON_TRIMMED = """
            0x00000000     *               1
            0x00000000  0x00001000  +
            0x00001000  0x00002000  *
            0x00003000  0x00001000  +
            0x00004000  0x00001000  *
            0x00005000  0x00001000  +
            """;

    private static final String FAULTS = """
            bad 0x1400 0x200
            bad 0x2A00 0x200
            bad 0x4600 0x200
            """;

    private RecordingListener run(RescueOptions options, MemoryMapfileSaver saver) throws Exception {
        Mapfile map = MapfileReader.parse(TWO_NON_TRIMMED.getBytes(StandardCharsets.US_ASCII), "map", null);
        VirtualClock clock = new VirtualClock();
        RecordingListener recorder = new RecordingListener();
        Rescuer.builder()
                .options(options)
                .input(new FaultModelDevice(new ZeroDevice(0x6000, 512), FaultModel.ofSpec(FAULTS), clock))
                .output(new MemoryOutputImage())
                .mapfile(map, saver.target())
                .listener(recorder)
                .timeSource(clock)
                .build()
                .run();
        return recorder;
    }

    private static List<Long> positions(List<ReadEvent> reads) {
        return reads.stream().map(ReadEvent::pos).toList();
    }

    @Test
    void shouldTrimLeadingEdgeForwardsThenTrailingEdgeBackwardsThenScrapeAscending() throws Exception {
        MemoryMapfileSaver saver = new MemoryMapfileSaver();
        RecordingListener recorder = run(RescueOptions.defaults(), saver);
        assertThat(positions(recorder.readsOf("Trimming failed blocks... (forwards)"))).containsExactly(
                0x1000L, 0x1200L, 0x1400L, 0x2E00L, 0x2C00L, 0x2A00L,   // first block
                0x4000L, 0x4200L, 0x4400L, 0x4600L, 0x4E00L, 0x4C00L, 0x4A00L, 0x4800L); // second block
        assertThat(positions(recorder.readsOf("Scraping failed blocks... (forwards)")))
                .containsExactly(0x1600L, 0x1800L, 0x1A00L, 0x1C00L, 0x1E00L, 0x2000L, 0x2200L, 0x2400L, 0x2600L,
                        0x2800L);
        assertThat(MapText.dataLines(saver.lastText())).containsExactly(
                "0x00002800     +               1", // the last read: scraping ends at 0x2800
                "0x00000000  0x00001400  +",
                "0x00001400  0x00000200  -",
                "0x00001600  0x00001400  +",
                "0x00002A00  0x00000200  -",
                "0x00002C00  0x00001A00  +",
                "0x00004600  0x00000200  -",
                "0x00004800  0x00001800  +");
    }

    @Test
    void shouldReverseOnlyTheBlockOrderWithReverse() throws Exception {
        RecordingListener recorder = run(RescueOptions.builder().reverse(true).build(), new MemoryMapfileSaver());
        assertThat(positions(recorder.readsOf("Trimming failed blocks... (backwards)"))).startsWith(
                0x4000L, 0x4200L, 0x4400L, 0x4600L, 0x4E00L).endsWith(0x2E00L, 0x2C00L, 0x2A00L);
        assertThat(positions(recorder.readsOf("Scraping failed blocks... (backwards)"))).startsWith(0x1600L, 0x1800L)
                .endsWith(0x2800L);
    }

    @Test
    void shouldLeaveNonScrapedBlocksWithNoScrape() throws Exception {
        MemoryMapfileSaver saver = new MemoryMapfileSaver();
        RecordingListener recorder = run(RescueOptions.builder().noScrape(true).build(), saver);
        assertThat(recorder.readsOf("Scraping")).isEmpty();
        assertThat(MapText.dataLines(saver.lastText())).contains("0x00001600  0x00001400  /");
    }
}
