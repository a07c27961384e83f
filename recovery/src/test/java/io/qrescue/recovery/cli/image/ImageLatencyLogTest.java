package io.qrescue.recovery.cli.image;

import io.qrescue.recovery.imaging.Imaging;
import io.qrescue.recovery.imaging.ImagingIo;
import io.qrescue.recovery.testing.FakeDeviceCatalog;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code qrescue image --latency-log=FILE}: stripped before ddrescue's parser, written, shown on the screen. */
class ImageLatencyLogTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void source() throws IOException {
        byte[] data = new byte[0x40000];
        new Random(11).nextBytes(data);
        Files.write(dir.resolve("disk.img"), data);
    }

    private int image(boolean terminal, String... args) {
        var io = new ImagingIo(InputStream.nullInputStream(), out, dir);
        ImageCommand command = new ImageCommand();
        command.args = List.of(args);
        return command.run(io, new PrintStream(err, true, StandardCharsets.UTF_8), terminal, false,
                new Imaging(new FakeDeviceCatalog(), FakeDeviceCatalog::new));
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void shouldWriteAnIntervalLogThatCountsEveryRead() throws IOException {
        assertThat(image(false, "--latency-log=lat.hlog", "--log-reads=reads.log", "-c", "16", "disk.img", "out.img",
                "disk.map")).isZero();

        assertThat(dir.resolve("out.img")).hasSameBinaryContentAs(dir.resolve("disk.img"));
        long reads = Files.readAllLines(dir.resolve("reads.log")).stream().filter(l -> l.startsWith("0x")).count();
        // the whole run's latencies of each phase, at the end; no other message
        assertThat(err.toString(StandardCharsets.UTF_8).lines()).singleElement().asString()
                .matches("qrescue image: copying: " + reads + " reads, read latency p50: [0-9.]+ [nµm]?s, p99: [0-9.]+ "
                        + "[nµm]?s, max: [0-9.]+ [nµm]?s");
        assertThat(reads).isEqualTo(0x40000 / (16 * 512));
        HistogramLogReader reader = new HistogramLogReader(dir.resolve("lat.hlog").toFile());
        long recorded = 0;
        while (reader.hasNext()) {
            Histogram interval = (Histogram) reader.nextIntervalHistogram();
            assertThat(interval.getTag()).isEqualTo("copying");
            recorded += interval.getTotalCount();
        }
        assertThat(recorded).isEqualTo(reads);
        // the plain progress lines carry the latencies too
        assertThat(stdout()).contains("End of run: ").containsPattern("read latency p50: [0-9.]+ [nµm]?s, p99: ");
    }

    @Test
    void shouldShowTheLatencyLineOnTheScreenOnlyWhenAsked() {
        assertThat(image(true, "disk.img", "out.img", "disk.map")).isZero();
        assertThat(stdout()).contains("pct rescued:").doesNotContain("read latency");

        out.reset();
        assertThat(image(true, "--latency-log=lat.hlog", "disk.img", "out2.img", "disk2.map")).isZero();
        assertThat(stdout()).containsPattern("read latency p50: [0-9.]+ [nµm]?s  p99: [0-9.]+ [nµm]?s  max: ");
        assertThat(dir.resolve("lat.hlog")).isNotEmptyFile();

        out.reset();
        assertThat(image(true, "-v", "disk.img", "out3.img", "disk3.map")).isZero();
        assertThat(stdout()).contains("read latency p50: ");
        assertThat(dir.resolve("disk3.map")).exists();
    }

    @Test
    void shouldPutTheLatenciesIntoJsonProgress() {
        assertThat(image(false, "--json", "--latency-log=lat.hlog", "disk.img", "out.img", "disk.map")).isZero();
        Map<String, Object> end = MiniJson.parseObject(stdout().lines().reduce((a, b) -> b).orElseThrow());
        assertThat(end).containsEntry("event", "end").containsEntry("readLatencyReads", 4L);
        assertThat((Long) end.get("readLatencyMaxNanos")).isGreaterThanOrEqualTo((Long) end.get("readLatencyP50Nanos"));
    }

    @Test
    void shouldFailWhenTheLatencyLogCannotBeCreated() {
        assertThat(image(false, "--latency-log=no/such/dir/lat.hlog", "disk.img", "out.img", "disk.map")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no/such/dir/lat.hlog: Can't open latency log file");
    }
}
