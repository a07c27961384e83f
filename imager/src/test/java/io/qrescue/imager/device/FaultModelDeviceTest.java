package io.qrescue.imager.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qrescue.imager.testing.PatternDevice;
import io.qrescue.imager.time.VirtualClock;
import io.qrescue.mapfile.MapfileReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FaultModelDeviceTest {

    private final VirtualClock clock = new VirtualClock();
    private final PatternDevice source = new PatternDevice(0x3000, 512, 7);

    private FaultModelDevice device(FaultModel model) {
        return new FaultModelDevice(source, model, clock);
    }

    private static FaultModel testMap(String text) throws Exception {
        return FaultModel.ofTestMap(MapfileReader.parse(text.getBytes(StandardCharsets.US_ASCII), "test", null));
    }

    @Test
    void shouldFailAWholeReadThatIsNotInsideOneReadableRangeInTestMode() throws Exception {
        FaultModelDevice d = device(testMap("0 ? 1\n0 0x1000 +\n0x1000 0x200 -\n0x1200 0xE00 +\n"));
        ByteBuffer buffer = ByteBuffer.allocate(0x1000);
        ReadOutcome straddling = d.read(0x800, buffer);
        assertThat(straddling).isEqualTo(ReadOutcome.failed(0, 0x1000, ReadError.EIO, 0));
        assertThat(buffer.position()).isZero();
        ReadOutcome inside = d.read(0, buffer.clear());
        assertThat(inside.copiedBytes()).isEqualTo(0x1000);
        assertThat(buffer.get(0x123)).isEqualTo(source.byteAt(0x123));
    }

    @Test
    void shouldShowTheEndOfTheLastReadableBlockAsSizeInTestMode() throws Exception {
        assertThat(device(testMap("0 ? 1\n0 0x1000 +\n0x1000 0x2000 -\n")).size()).isEqualTo(0x1000);
        assertThat(device(testMap("0 ? 1\n0 0x8000 +\n")).size()).isEqualTo(0x3000); // the real size is smaller
        assertThat(FaultModel.ofTestMap(MapfileReader.parse("0 ? 1\n0 0x800 +\n".getBytes(StandardCharsets.US_ASCII),
                "t", null)).apparentSize(0)).isEqualTo(0x800);
    }

    @Test
    void shouldReturnTheGoodPrefixBeforeAHardBadSector() {
        FaultModelDevice d = device(FaultModel.ofSpec("bad 0x600 0x200"));
        ByteBuffer buffer = ByteBuffer.allocate(0x1000);
        ReadOutcome outcome = d.read(0x200, buffer);
        assertThat(outcome).isEqualTo(ReadOutcome.failed(0x400, 0xC00, ReadError.EIO, 0));
        assertThat(buffer.position()).isEqualTo(0x400);
    }

    @Test
    void shouldLetASoftSectorSucceedAfterItsTries() {
        FaultModelDevice d = device(FaultModel.ofSpec("soft 0x200 0x200 tries=2"));
        ByteBuffer buffer = ByteBuffer.allocate(0x400);
        assertThat(d.read(0, buffer.clear()).copiedBytes()).isEqualTo(0x200);
        assertThat(d.read(0x200, buffer.clear().limit(0x200)).copiedBytes()).isZero();
        ReadOutcome third = d.read(0, buffer.clear());
        assertThat(third.copiedBytes()).isEqualTo(0x400);
        assertThat(third.hasError()).isFalse();
    }

    @Test
    void shouldNotCountATryForASoftSectorTheReadDidNotReach() {
        FaultModelDevice d = device(FaultModel.ofSpec("bad 0x200 0x200\nsoft 0x400 0x200 tries=1"));
        ByteBuffer buffer = ByteBuffer.allocate(0x600);
        d.read(0, buffer.clear()); // stops at the hard sector
        assertThat(d.read(0x400, buffer.clear().limit(0x200)).hasError()).isTrue();
        assertThat(d.read(0x400, buffer.clear().limit(0x200)).hasError()).isFalse();
    }

    @Test
    void shouldSpendSimulatedTimeOnSlowAndHangingReads() {
        FaultModelDevice d = device(FaultModel.ofSpec("slow 0 0x1000 latency=2s\nhang 0x2000 0x200 time=30s"));
        long start = clock.epochNanos();
        ReadOutcome slow = d.read(0, ByteBuffer.allocate(0x200));
        assertThat(slow.hasError()).isFalse();
        assertThat(slow.durationNanos()).isEqualTo(2_000_000_000L);
        ReadOutcome hang = d.read(0x1E00, ByteBuffer.allocate(0x400));
        assertThat(hang).isEqualTo(ReadOutcome.failed(0x200, 0x200, ReadError.EIO, 30_000_000_000L));
        assertThat(clock.epochNanos() - start).isEqualTo(32_000_000_000L);
    }

    @Test
    void shouldVanishAndComeBack() {
        FaultModelDevice d = device(FaultModel.ofSpec("vanish after=2 reads=1"));
        ByteBuffer buffer = ByteBuffer.allocate(0x200);
        assertThat(d.read(0, buffer.clear()).hasError()).isFalse();
        assertThat(d.read(0, buffer.clear()).hasError()).isFalse();
        assertThat(d.read(0, buffer.clear()).error()).isEqualTo(ReadError.ENODEV);
        assertThat(d.read(0, buffer.clear()).hasError()).isFalse();
    }

    @Test
    void shouldStayGoneUntilReopenedWithoutACount() {
        FaultModelDevice d = device(FaultModel.ofSpec("vanish after=0"));
        ByteBuffer buffer = ByteBuffer.allocate(0x200);
        assertThat(d.read(0, buffer.clear()).error()).isEqualTo(ReadError.ENODEV);
        assertThat(d.read(0, buffer.clear()).error()).isEqualTo(ReadError.ENODEV);
        assertThat(d.reopen()).isTrue();
        assertThat(d.read(0, buffer.clear()).hasError()).isFalse();
    }

    @Test
    void shouldReturnZerosWithoutAnError() {
        FaultModelDevice d = device(FaultModel.ofSpec("zeros 0x100 0x10"));
        ByteBuffer buffer = ByteBuffer.allocate(0x200);
        ReadOutcome outcome = d.read(0, buffer);
        assertThat(outcome.hasError()).isFalse();
        assertThat(buffer.get(0x100)).isZero();
        assertThat(buffer.get(0x10F)).isZero();
        assertThat(buffer.get(0x110)).isEqualTo(source.byteAt(0x110));
    }

    @Test
    void shouldRejectMalformedSpecs() {
        assertThatThrownBy(() -> FaultModel.ofSpec("broken 0 1")).hasMessageContaining("line 1")
                .hasMessageContaining("unknown fault kind");
        assertThatThrownBy(() -> FaultModel.ofSpec("# ok\nsoft 0 512")).hasMessageContaining("line 2")
                .hasMessageContaining("tries");
        assertThatThrownBy(() -> FaultModel.ofSpec("bad 0 0")).hasMessageContaining("size must be positive");
        assertThatThrownBy(() -> FaultModel.ofSpec("slow 0 1 latency=fast")).hasMessageContaining("bad duration");
    }

    @Test
    void shouldParseSizesAndDurations() {
        assertThat(FaultSpecParser.parseSize("0x10")).isEqualTo(16);
        assertThat(FaultSpecParser.parseSize("4Ki")).isEqualTo(4096);
        assertThat(FaultSpecParser.parseSize("2M")).isEqualTo(2_000_000);
        assertThat(FaultSpecParser.parseDurationNanos("1.5")).isEqualTo(1_500_000_000L);
        assertThat(FaultSpecParser.parseDurationNanos("250ms")).isEqualTo(250_000_000L);
        assertThat(FaultSpecParser.parseDurationNanos("2m")).isEqualTo(120_000_000_000L);
    }
}
