package io.qrescue.imager.rescue;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.imager.device.FaultModel;
import io.qrescue.imager.device.FaultModelDevice;
import io.qrescue.imager.output.MemoryOutputImage;
import io.qrescue.imager.rescue.log.EventsLog;
import io.qrescue.imager.rescue.log.ReadsLog;
import io.qrescue.imager.testing.MapText;
import io.qrescue.imager.testing.MemoryMapfileSaver;
import io.qrescue.imager.testing.ZeroDevice;
import io.qrescue.imager.time.VirtualClock;
import io.qrescue.mapfile.MapfileReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The events and reads logs match ddrescue's byte for byte, header lines aside (spec 2.14). */
class EventsLogTest {

    @Test
    void shouldWriteTheEventsLogOfVectorE01() throws Exception {
        Path vector = MapText.vectorsDir().resolve("e01_default");
        VirtualClock clock = new VirtualClock();
        StringBuilder events = new StringBuilder();
        StringBuilder reads = new StringBuilder();
        String end = "2026-11-27 04:30:53";
        Rescuer.builder()
                .input(new FaultModelDevice(new ZeroDevice(64L << 20, 512),
                        FaultModel.ofTestMap(MapfileReader.read(vector.resolve("testmap.map"), null)), clock))
                .output(new MemoryOutputImage())
                .mapfile(null, new MemoryMapfileSaver().target())
                .listener(RescueListener.of(
                        new EventsLog(events, "ddrescue -v -H testmap.map", "2026-11-27 04:30:53", false, () -> end),
                        new ReadsLog(reads, "ddrescue -v -H testmap.map", "2026-11-27 04:30:53", () -> end)))
                .timeSource(clock)
                .build()
                .run();
        assertThat(withoutHeader(events.toString())).isEqualTo(withoutHeader(Files.readString(vector.resolve("events.log"))));
        assertThat(withoutHeader(reads.toString())).isEqualTo(withoutHeader(Files.readString(vector.resolve("reads.log"))));
        assertThat(events.toString()).startsWith("# Events Logfile. Created by GNU ddrescue version 1.27\n"
                + "# Command line: ddrescue -v -H testmap.map\n# Start time:   2026-11-27 04:30:53\n"
                + "#         Time  Rescued  Event\n");
    }

    /** Everything after the command-line line (which names the log files in the vector). */
    private static List<String> withoutHeader(String text) {
        List<String> lines = text.lines().toList();
        return lines.subList(2, lines.size());
    }
}
