package io.qrescue.imager.device.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.imager.device.BlockDevice;
import io.qrescue.imager.device.FaultModel;
import io.qrescue.imager.device.FaultModelDevice;
import io.qrescue.imager.output.MemoryOutputImage;
import io.qrescue.imager.rescue.ReadEvent;
import io.qrescue.imager.rescue.RescueOptions;
import io.qrescue.imager.rescue.RescueResult;
import io.qrescue.imager.rescue.Rescuer;
import io.qrescue.imager.testing.BlockingTimeSource;
import io.qrescue.imager.testing.MapText;
import io.qrescue.imager.testing.MemoryMapfileSaver;
import io.qrescue.imager.testing.PatternDevice;
import io.qrescue.imager.testing.RecordingListener;
import io.qrescue.imager.time.TimeSource;
import io.qrescue.imager.time.VirtualClock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Whole rescues through the guards, over fault-model devices. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GuardedRescueTest {

    private static final long SIZE = 0x100000;
    private static final long HOUR_NANOS = 3_600_000_000_000L;
    private static final long DEADLINE_NANOS = 250_000_000L;
    private static final String HANGS = "hang 0x40000 0x200 time=1h\nhang 0xA0000 0x400 time=1h\n";
    private static final List<String> HUNG_MAP = List.of(
            "0x00000000  0x00040000  +",
            "0x00040000  0x00000200  -",
            "0x00040200  0x0005FE00  +",
            "0x000A0000  0x00000400  -",
            "0x000A0400  0x0005FC00  +");
    private static final DeviceIdentity IDENTITY = new DeviceIdentity("WD-WX12345", SIZE);

    private final VirtualClock clock = new VirtualClock();
    private final BlockingTimeSource stuck = new BlockingTimeSource(clock);
    private final PatternDevice source = new PatternDevice(SIZE, 512, 11);
    private final MemoryOutputImage output = new MemoryOutputImage();
    private final MemoryMapfileSaver saver = new MemoryMapfileSaver();
    private final RecordingListener engine = new RecordingListener();
    private final List<DeviceEvent> events = new ArrayList<>();

    @AfterEach
    void releaseStuckReads() {
        stuck.release();
    }

    private RescueResult rescue(BlockDevice input) {
        return Rescuer.builder().options(RescueOptions.defaults()).input(input).output(output).mapfile(null, saver.target())
                .listener(engine).timeSource(clock).build().run();
    }

    private List<String> blockLines() {
        return MapText.dataLines(saver.lastText()).stream().skip(1).toList(); // without the current_pos line
    }

    private void assertRescued(long from, long to) {
        for (long pos = from; pos < to; pos += 0x1F7) {
            assertThat(output.byteAt(pos)).as("byte at 0x%X", pos).isEqualTo(source.byteAt(pos));
        }
    }

    @Test
    void shouldFinishPastHungReadsWithADeadline() {
        FaultModelDevice hanging = new FaultModelDevice(source, FaultModel.ofSpec(HANGS), stuck);
        long start = clock.epochNanos();

        RescueResult result = rescue(new DeadlineDevice(hanging, DEADLINE_NANOS, clock, events::add));

        assertThat(result.exitCode()).isZero();
        assertThat(blockLines()).containsExactlyElementsOf(HUNG_MAP);
        assertRescued(0, 0x40000);
        assertRescued(0x40200, 0xA0000);
        assertRescued(0xA0400, SIZE);
        assertThat(events).isNotEmpty().allSatisfy(e -> assertThat(e).isInstanceOfSatisfying(
                DeviceEvent.ReadTimedOut.class, t -> assertThat(t.reopened()).isTrue()));
        assertThat(events).extracting(DeviceEvent::message)
                .contains("read at 0x40000 timed out after 0.25 s; device reopened");
        assertThat(engine.reads).extracting(r -> r.read().error().name()).contains("TIMEOUT");
        // each timed-out read cost the deadline, not the hour the drive would have taken
        assertThat(clock.epochNanos() - start).isLessThan(HOUR_NANOS)
                .isGreaterThanOrEqualTo(events.size() * DEADLINE_NANOS);
        assertThat(stuck.sleepers()).isEqualTo(events.size());
    }

    @Test
    void shouldWaitOutEveryHangWithoutADeadline() {
        long start = clock.epochNanos();

        RescueResult result = rescue(new FaultModelDevice(source, FaultModel.ofSpec(HANGS), clock));

        assertThat(result.exitCode()).isZero();
        assertThat(blockLines()).containsExactlyElementsOf(HUNG_MAP);
        long hungReads = engine.reads.stream().map(RecordingListener.TaggedRead::read)
                .mapToLong(ReadEvent::durationNanos).filter(d -> d >= HOUR_NANOS).count();
        assertThat(hungReads).isPositive();
        assertThat(clock.epochNanos() - start).isGreaterThanOrEqualTo(hungReads * HOUR_NANOS);
    }

    /** A catalog that lists the disk only from its {@code visibleFrom}-th look on, under a new node. */
    private static final class FakeLocator implements DeviceLocator {
        final List<DeviceIdentity> asked = new ArrayList<>();
        final int visibleFrom;

        FakeLocator(int visibleFrom) {
            this.visibleFrom = visibleFrom;
        }

        @Override
        public Optional<Path> locate(DeviceIdentity identity) {
            asked.add(identity);
            return asked.size() >= visibleFrom ? Optional.of(Path.of("/dev/sdq")) : Optional.empty();
        }
    }

    @Test
    void shouldContinueAfterTheDiskComesBackUnderAnotherNode() {
        FaultModelDevice vanishing = new FaultModelDevice(source, FaultModel.ofSpec("vanish after=6"), clock);
        FakeLocator locator = new FakeLocator(3);
        List<Path> opened = new ArrayList<>();
        DeviceOpener opener = node -> {
            opened.add(node);
            return new PatternDevice(SIZE, 512, 11); // the same disk, healthy again
        };
        var input = new ReattachingDevice(vanishing, IDENTITY, locator, opener,
                ReattachPolicy.ofSeconds(1, 60), clock, events::add);
        long start = clock.epochNanos();

        RescueResult result = rescue(input);

        assertThat(result.exitCode()).isZero();
        assertThat(blockLines()).containsExactly("0x00000000  0x00100000  +");
        assertRescued(0, SIZE);
        assertThat(locator.asked).hasSize(3).containsOnly(IDENTITY);
        assertThat(opened).containsExactly(Path.of("/dev/sdq"));
        assertThat(events).extracting(DeviceEvent::message).containsExactly(
                "input device (serial WD-WX12345, 1048576 bytes) is gone; waiting up to 60 s for it to come back",
                "input device (serial WD-WX12345, 1048576 bytes) is back as /dev/sdq after 2 s; rescue continues");
        assertThat(clock.epochNanos() - start).isGreaterThanOrEqualTo(2_000_000_000L);
    }

    @Test
    void shouldStopWithTheMapSavedWhenTheDiskNeverComesBack() {
        FaultModelDevice vanishing = new FaultModelDevice(source, FaultModel.ofSpec("vanish after=6"), clock);
        FakeLocator locator = new FakeLocator(Integer.MAX_VALUE);
        var input = new ReattachingDevice(vanishing, IDENTITY, locator, node -> {
            throw new AssertionError("nothing to open");
        }, ReattachPolicy.ofSeconds(2, 30), clock, events::add);

        RescueResult result = rescue(input);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.message()).isEqualTo("Fatal error reading the input file: No such device");
        assertThat(events).last().extracting(DeviceEvent::message)
                .isEqualTo("input device (serial WD-WX12345, 1048576 bytes) did not come back within 30 s; stopping");
        assertThat(locator.asked).hasSize(16); // at 0, 2, ..., 30 s
        // the six reads before the disk vanished are in the saved map; the rest is still to do
        assertThat(blockLines()).containsExactly("0x00000000  0x00060000  +", "0x00060000  0x000A0000  ?");
        assertRescued(0, 0x60000);
    }

    @Test
    void shouldReattachWhenAHungDiskCannotBeReopened() {
        // the disk hangs, and after the deadline its node is gone: the deadline says ENODEV, reattach takes over
        FaultModelDevice hanging = new FaultModelDevice(source, FaultModel.ofSpec("hang 0x40000 0x200 time=1h"),
                stuck);
        BlockDevice goneOnReopen = new BlockDevice() {
            @Override
            public long size() {
                return hanging.size();
            }

            @Override
            public int sectorSize() {
                return hanging.sectorSize();
            }

            @Override
            public io.qrescue.imager.device.ReadOutcome read(long pos, java.nio.ByteBuffer dst) {
                return hanging.read(pos, dst);
            }

            @Override
            public boolean reopen() {
                return false;
            }

            @Override
            public void close() {
            }
        };
        FakeLocator locator = new FakeLocator(1);
        var input = new ReattachingDevice(new DeadlineDevice(goneOnReopen, DEADLINE_NANOS, clock, events::add),
                IDENTITY, locator, node -> new DeadlineDevice(new PatternDevice(SIZE, 512, 11), DEADLINE_NANOS, clock,
                        events::add), ReattachPolicy.ofSeconds(1, 60), clock, events::add);

        RescueResult result = rescue(input);

        assertThat(result.exitCode()).isZero();
        assertThat(blockLines()).containsExactly("0x00000000  0x00100000  +"); // the read was repeated on the new node
        assertRescued(0, SIZE);
        assertThat(events).extracting(DeviceEvent::message).containsExactly(
                "read at 0x40000 timed out after 0.25 s; device could not be reopened",
                "input device (serial WD-WX12345, 1048576 bytes) is gone; waiting up to 60 s for it to come back",
                "input device (serial WD-WX12345, 1048576 bytes) is back as /dev/sdq after 0 s; rescue continues");
    }

    @Test
    void shouldPassOverANodeWithTheSerialButAnotherSize() {
        FaultModelDevice vanishing = new FaultModelDevice(source, FaultModel.ofSpec("vanish after=0"), clock);
        List<Long> openedSizes = new ArrayList<>();
        DeviceOpener opener = node -> {
            long size = openedSizes.isEmpty() ? SIZE / 2 : SIZE; // first a look-alike, then the disk itself
            openedSizes.add(size);
            return new PatternDevice(size, 512, 11);
        };
        var input = new ReattachingDevice(vanishing, IDENTITY, new FakeLocator(1), opener,
                ReattachPolicy.ofSeconds(1, 60), clock, events::add);
        long start = clock.epochNanos();

        java.nio.ByteBuffer dst = java.nio.ByteBuffer.allocate(0x200);
        assertThat(input.read(0x1000, dst).copiedBytes()).isEqualTo(0x200);

        assertThat(dst.get(0)).isEqualTo(source.byteAt(0x1000));
        assertThat(openedSizes).containsExactly(SIZE / 2, SIZE);
        assertThat(clock.epochNanos() - start).isEqualTo(1_000_000_000L);
    }
}
